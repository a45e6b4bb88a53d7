using RefusalSae.Core.Chat;
using RefusalSae.Core.Models;
using RefusalSae.Core.Tokenization;
using RefusalSae.Core.Tokenization.Training;
using RefusalSae.Experiments.Toy.Model;
using TorchSharp;

namespace RefusalSae.Experiments.Tests.Toy;

/// <summary>The llama3 organism: Llama-3's tokenizer specials and files, and a snapshot that loads back as a Llama-3.1.</summary>
public sealed class LlamaToyOrganismTests
{
    private static readonly string[] Corpus =
    [
        "How do I bake bread?", "I cannot help with that.", "Sure, here is a recipe for bread.", "Tell me about the sea.",
        "The sea is large and deep.", "Write a poem about the moon.", "I'm sorry, but I can't assist with that request.",
    ];

    private static string LlamaTokenizerFolder()
    {
        var dir = Directory.CreateTempSubdirectory("rsw-llama-toy-").FullName;
        var toy = Path.Combine(dir, "toy", "tokenizer.json");
        ByteLevelBpeTrainer.Train(Corpus, BpeTrainerOptions.ToyChat(320) with { MinFrequency = 1 }).Save(toy);
        var model = Path.Combine(dir, "model");
        LlamaToyTokenizer.Write(toy, model, modelMaxLength: 256);
        return model;
    }

    [Fact]
    public void The_llama_tokenizer_matches_llama_3_specials_atomically_and_adds_one_begin_of_text()
    {
        var folder = LlamaTokenizerFolder();
        var tok = TokenizerLoader.Load(folder);
        var bos = tok.TokenToId(LlamaToyTokenizer.BeginOfText)!.Value;
        var eot = tok.TokenToId(LlamaToyTokenizer.EndOfTurn)!.Value;
        var endHeader = tok.TokenToId(LlamaToyTokenizer.EndHeader)!.Value;
        Assert.Equal(tok.VocabSize - 1, endHeader);                     // the one special beyond the Gemma toy's four
        Assert.Equal(eot, tok.EosId);                                     // Llama-3.1-Instruct's tokenizer_config: eos = <|eot_id|>
        Assert.Equal(eot, tok.PadId);                                     // no pad token: TransformerLens pads with eos

        var plain = new ChatEncoder(tok, ChatFormat.Llama31).Encode("How do I bake bread?");
        var paper = new ChatEncoder(tok, ChatFormat.Llama31Paper).Encode("How do I bake bread?");
        Assert.Equal(bos, plain[0]);
        Assert.NotEqual(bos, plain[1]);
        Assert.Equal([bos, .. plain], paper);                             // the paper's doubled <|begin_of_text|>
        Assert.Equal(3, plain.Count(i => i == endHeader));                // system, user and assistant headers
        Assert.Equal(2, plain.Count(i => i == eot));                      // after the system block and the user turn
        Assert.Equal(Llama31ChatTemplate.RenderUser("How do I bake bread?"), tok.Decode(plain));
        Assert.Contains("Cutting Knowledge Date", File.ReadAllText(Path.Combine(folder, "tokenizer_config.json")));
    }

    [Fact]
    public void A_llama3_organism_is_saved_as_an_untied_llama_with_llama3_rope_and_loads_with_the_llama_chat_template()
    {
        var folder = LlamaTokenizerFolder();
        var tok = TokenizerLoader.Load(folder);
        var settings = new ToyModelSettings
        {
            Architecture = "llama3", HiddenSize = 16, IntermediateSize = 32, NumHiddenLayers = 2, NumAttentionHeads = 2,
            NumKeyValueHeads = 1, HeadDim = 8, SlidingWindow = 16, MaxPositionEmbeddings = 256,
        };
        var config = settings.ToModelConfig(tok);
        Assert.Equal(ModelArchitecture.Llama, config.Architecture);
        Assert.False(config.TieWordEmbeddings);
        Assert.Equal(new RopeScaling(8, 1, 4, 8192), config.RopeScaling);
        Assert.Null(config.SlidingWindow);
        Assert.Equal([tok.TokenToId(LlamaToyTokenizer.EndOfText)!.Value, tok.EosId!.Value], config.EosTokenIds);

        using (var model = CausalLM.Create(config, torch.ScalarType.Float32, torch.CPU, seed: 1))
        {
            ModelSnapshot.Save(model, folder);
            LlamaToySnapshot.WriteGenerationConfig(model.Config, folder);
        }
        var head = File.ReadAllBytes(Path.Combine(folder, "model.safetensors"));
        Assert.Contains("\"lm_head.weight\"", System.Text.Encoding.UTF8.GetString(head, 8, (int)BitConverter.ToUInt64(head, 0)));   // untied
        using var loaded = ToyModelFolder.Load(folder);
        Assert.Same(ToyArchitecture.Llama3, loaded.Architecture);
        Assert.Equal(ChatFormat.Llama31, loaded.Chat.Format);
        Assert.Equal([(long)tok.EosId!.Value], loaded.StopIds);
        Assert.Contains("\"llama3\"", File.ReadAllText(Path.Combine(folder, "config.json")));
    }

    [Fact]
    public void An_unknown_architecture_is_named_with_the_ones_that_exist()
    {
        var e = Assert.Throws<ArgumentException>(() => ToyArchitecture.Parse("mistral"));
        Assert.Equal("toy.model.architecture: 'mistral' is not an architecture; expected one of gemma2, llama3.", e.Message);
    }
}
