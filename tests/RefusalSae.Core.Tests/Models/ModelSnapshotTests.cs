using RefusalSae.Core.Models;
using RefusalSae.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Models;

public sealed class ModelSnapshotTests(ITestOutputHelper output)
{
    internal static ModelConfig TinyGemma2 => ModelConfig.Gemma2_2b(2) with
    {
        VocabSize = 96, HiddenSize = 32, IntermediateSize = 64, NumAttentionHeads = 4, NumKeyValueHeads = 2, HeadDim = 8,
        QueryPreAttnScalar = 8, SlidingWindow = 3, InitializerRange = 0.2,
    };

    [Fact]
    public void A_model_built_in_code_saves_as_a_snapshot_that_loads_back_identically()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempFolder();
        using var model = CausalLM.Create(TinyGemma2, ScalarType.Float32, torch.CPU, seed: 11);
        ModelSnapshot.Save(model, dir.Path);
        Assert.False(File.Exists(dir.File("model.safetensors.index.json")));
        using var back = ModelLoader.Load(dir.Path, ScalarType.Float32, torch.CPU);
        Assert.Equal(TinyGemma2 with { }, back.Config with { }, new ConfigComparer());
        var ids = torch.randint(0, 96, [3, 7], generator: new Generator(2));
        using var _ = torch.no_grad();
        MaxError.AssertWithin("saved/loaded logits", (model.Forward(ids) - back.Forward(ids)).abs().max().item<float>(), 0.0, output);
        Assert.DoesNotContain(back.CheckpointParameters(), p => p.Name == "lm_head.weight");
    }

    [Fact]
    public void A_random_model_is_trainable_with_an_optimizer_over_its_parameters()
    {
        using var scope = torch.NewDisposeScope();
        using var model = CausalLM.Create(TinyGemma2, ScalarType.Float32, torch.CPU, seed: 3);
        Assert.All(model.Parameters(), p => Assert.True(p.requires_grad));
        var ids = torch.randint(0, 96, [4, 10], generator: new Generator(4));
        var optimizer = torch.optim.Adam(model.Parameters(), lr: 1e-2);
        double Loss()
        {
            optimizer.zero_grad();
            var logits = model.Forward(ids[.., ..^1]);                                   // (B, T-1, V)
            var loss = nn.functional.cross_entropy(logits.reshape(-1, 96), ids[.., 1..].reshape(-1));
            loss.backward();
            optimizer.step();
            return loss.item<float>();
        }
        var first = Loss();
        for (var i = 0; i < 15; i++) Loss();
        var last = Loss();
        output.WriteLine($"loss {first:F3} -> {last:F3}");
        Assert.True(last < 0.8 * first, $"loss {first} -> {last}");
    }

    [Fact]
    public void A_llama2_config_without_head_dim_or_kv_heads_reads_with_transformers_defaults()
    {
        // The HarmBench classifier's config.json layout (Llama-2-13b): no head_dim, no rope_scaling, MHA.
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("config.json"), """
            {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_size": 5120, "intermediate_size": 13824,
             "num_attention_heads": 40, "num_hidden_layers": 40, "num_key_value_heads": 40, "vocab_size": 32000,
             "rms_norm_eps": 1e-05, "max_position_embeddings": 4096, "rope_scaling": null, "hidden_act": "silu",
             "tie_word_embeddings": false, "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": 0, "torch_dtype": "bfloat16"}
            """);
        var c = ModelConfigJson.Read(dir.File("config.json"));
        Assert.Equal((ModelArchitecture.Llama, 128, 40, 10000.0, 1e-5, false), (c.Architecture, c.HeadDim, c.NumKeyValueHeads, c.RopeTheta, c.RmsNormEps, c.TieWordEmbeddings));
        Assert.Null(c.RopeScaling);
        Assert.Null(c.AttnLogitSoftcapping);
        Assert.Equal([2], c.EosTokenIds);
    }

    [Fact]
    public void A_tiny_random_llama2_runs_forward_and_generates_with_the_cache()
    {
        // No Llama-2 fixture exists: this checks shapes, finiteness and cache consistency only.
        using var scope = torch.NewDisposeScope();
        var cfg = new ModelConfig
        {
            Architecture = ModelArchitecture.Llama, VocabSize = 80, HiddenSize = 40, IntermediateSize = 96, NumHiddenLayers = 2,
            NumAttentionHeads = 5, NumKeyValueHeads = 5, HeadDim = 8, RmsNormEps = 1e-5, RopeTheta = 10000, TieWordEmbeddings = false,
            InitializerRange = 0.2,
        };
        using var model = CausalLM.Create(cfg, ScalarType.Float32, torch.CPU, seed: 9);
        var ids = torch.randint(1, 80, [2, 6], generator: new Generator(1));
        var mask = torch.tensor(new long[] { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, [2, 6]);
        using var _ = torch.no_grad();
        var logits = model.Forward(ids, mask);
        Assert.Equal([2L, 6, 80], logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
        var opts = new Core.Generation.GenerationOptions { MaxNewTokens = 10, PadId = 0 };
        var a = Core.Generation.TextGenerator.Generate(model, ids, mask, opts);
        var b = Core.Generation.TextGenerator.Generate(model, ids, mask, opts with { UseKvCache = false });
        Assert.Equal(b.data<long>().ToArray(), a.data<long>().ToArray());
    }

    /// <summary>Records compare lists by reference; compare EosTokenIds by value.</summary>
    private sealed class ConfigComparer : IEqualityComparer<ModelConfig>
    {
        public bool Equals(ModelConfig? x, ModelConfig? y) =>
            x is not null && y is not null && x.EosTokenIds.SequenceEqual(y.EosTokenIds)
            && (x with { EosTokenIds = [] }) == (y with { EosTokenIds = [] });

        public int GetHashCode(ModelConfig obj) => 0;
    }
}
