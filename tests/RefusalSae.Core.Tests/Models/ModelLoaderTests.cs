using System.Text.Json.Nodes;
using RefusalSae.Core.IO;
using RefusalSae.Core.Models;
using RefusalSae.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Models;

public sealed class ModelLoaderTests(ITestOutputHelper output)
{
    [Fact]
    public void A_sharded_checkpoint_loads_the_same_model_as_the_single_file()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = new TempFolder();
        var src = Fixture.Folder(Fixture.Gemma2);
        File.Copy(Path.Combine(src, "config.json"), dir.File("config.json"));
        var all = SafeTensors.Load(Path.Combine(src, "model.safetensors"));
        var names = all.Keys.Order(StringComparer.Ordinal).ToList();
        var shards = new[] { names.Take(names.Count / 2).ToList(), names.Skip(names.Count / 2).ToList() };
        var map = new JsonObject();
        for (var i = 0; i < 2; i++)
        {
            var file = $"model-0000{i + 1}-of-00002.safetensors";
            SafeTensors.Save(dir.File(file), shards[i].ToDictionary(n => n, n => all[n]));
            foreach (var n in shards[i]) map[n] = file;
        }
        File.WriteAllText(dir.File("model.safetensors.index.json"), new JsonObject { ["metadata"] = new JsonObject(), ["weight_map"] = map }.ToJsonString());

        var g = Fixture.Golden(Fixture.Gemma2);
        using var single = Fixture.Load(Fixture.Gemma2);
        using var sharded = ModelLoader.Load(dir.Path, ScalarType.Float32, torch.CPU);
        using var _ = torch.no_grad();
        var err = (single.Forward(g["input_ids"]) - sharded.Forward(g["input_ids"])).abs().max().item<float>();
        MaxError.AssertWithin("sharded vs single logits", err, 0.0, output);
    }

    [Fact]
    public void An_unknown_architecture_is_reported_with_the_config_path_and_its_name()
    {
        using var dir = new TempFolder().WithSnapshot(Fixture.Folder(Fixture.Gemma2));
        var cfg = JsonNode.Parse(File.ReadAllText(dir.File("config.json")))!;
        cfg["architectures"] = new JsonArray("MistralForCausalLM");
        File.WriteAllText(dir.File("config.json"), cfg.ToJsonString());
        var e = Assert.Throws<NotSupportedException>(() => ModelLoader.Load(dir.Path, ScalarType.Float32, torch.CPU));
        Assert.Contains(dir.File("config.json"), e.Message);
        Assert.Contains("MistralForCausalLM", e.Message);
    }

    [Fact]
    public void A_missing_tensor_is_reported_with_the_folder_and_the_tensor_name()
    {
        using var dir = RewriteWeights(w => w.Remove("model.layers.2.mlp.up_proj.weight"));
        var e = Assert.Throws<InvalidDataException>(() => ModelLoader.Load(dir.Path, ScalarType.Float32, torch.CPU));
        Assert.Contains(dir.Path, e.Message);
        Assert.Contains("model.layers.2.mlp.up_proj.weight", e.Message);
    }

    [Fact]
    public void A_misshaped_tensor_is_reported_with_the_file_the_tensor_and_both_shapes()
    {
        using var dir = RewriteWeights(w => w["model.layers.1.self_attn.k_proj.weight"] = torch.zeros(16, 64));
        var e = Assert.Throws<InvalidDataException>(() => ModelLoader.Load(dir.Path, ScalarType.Float32, torch.CPU));
        Assert.Contains(dir.File("model.safetensors"), e.Message);
        Assert.Contains("model.layers.1.self_attn.k_proj.weight", e.Message);
        Assert.Contains("[16,64]", e.Message);
        Assert.Contains("[32,64]", e.Message);
    }

    [Fact]
    public void An_unexpected_tensor_is_reported_by_name()
    {
        using var dir = RewriteWeights(w => w["model.layers.0.mlp.extra.weight"] = torch.zeros(2));
        var e = Assert.Throws<InvalidDataException>(() => ModelLoader.Load(dir.Path, ScalarType.Float32, torch.CPU));
        Assert.Contains("model.layers.0.mlp.extra.weight", e.Message);
    }

    [Fact]
    public void A_truncated_weight_file_is_reported_with_its_path_and_the_first_tensor_cut_off()
    {
        using var dir = new TempFolder().WithSnapshot(Fixture.Folder(Fixture.Llama3));
        var bytes = File.ReadAllBytes(dir.File("model.safetensors"));
        File.WriteAllBytes(dir.File("model.safetensors"), bytes[..(bytes.Length - 1000)]);
        var e = Assert.Throws<InvalidDataException>(() => ModelLoader.Load(dir.Path, ScalarType.Float32, torch.CPU));
        Assert.Contains(dir.File("model.safetensors"), e.Message);
        Assert.Contains("truncated", e.Message);
        Assert.Matches("tensor '[a-z_.0-9]+'", e.Message);
    }

    [Theory]
    [InlineData(ScalarType.BFloat16)]
    [InlineData(ScalarType.Float16)]
    public void A_half_precision_checkpoint_loads_as_f32_with_exactly_its_values(ScalarType stored)
    {
        using var scope = torch.NewDisposeScope();
        using var dir = RewriteWeights(w =>
        {
            foreach (var k in w.Keys.ToList()) w[k] = w[k].to_type(stored);
        });
        using var model = ModelLoader.Load(dir.Path, ScalarType.Float32, torch.CPU);
        var original = SafeTensors.Load(dir.File("model.safetensors"));
        foreach (var (name, p) in model.CheckpointParameters())
        {
            Assert.Equal(ScalarType.Float32, p.dtype);
            Assert.True(original[name].to_type(ScalarType.Float32).equal(p).all().item<bool>(), name);
        }
    }

    [Fact]
    public void A_bf16_checkpoint_loads_as_f32_and_an_f32_one_as_bf16()
    {
        using var scope = torch.NewDisposeScope();
        using var dir = RewriteWeights(w =>
        {
            foreach (var k in w.Keys.ToList()) w[k] = w[k].to_type(ScalarType.BFloat16);
        });
        var g = Fixture.Golden(Fixture.Gemma2);
        using var fromBf16 = ModelLoader.Load(dir.Path, ScalarType.Float32, torch.CPU);
        using var toBf16 = Fixture.Load(Fixture.Gemma2, ScalarType.BFloat16);
        Assert.Equal(ScalarType.Float32, fromBf16.Parameters().First().dtype);
        Assert.Equal(ScalarType.BFloat16, toBf16.Parameters().First().dtype);
        // The same bf16-rounded weights either way, so the values agree exactly.
        var a = fromBf16.CheckpointParameters().ToDictionary(p => p.Name, p => p.Param);
        foreach (var (name, p) in toBf16.CheckpointParameters())
            Assert.True(a[name].to_type(ScalarType.BFloat16).equal(p).all().item<bool>(), name);
        using var _ = torch.no_grad();
        Assert.Equal([2L, 12, 512], fromBf16.Forward(g["input_ids"]).shape);
    }

    private static TempFolder RewriteWeights(Action<Dictionary<string, Tensor>> edit)
    {
        var dir = new TempFolder().WithSnapshot(Fixture.Folder(Fixture.Gemma2));
        var w = SafeTensors.Load(dir.File("model.safetensors"));
        edit(w);
        SafeTensors.Save(dir.File("model.safetensors"), w);
        return dir;
    }
}
