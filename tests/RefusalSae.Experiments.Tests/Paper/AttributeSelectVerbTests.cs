using System.Text.Json;
using RefusalSae.Core.IO;
using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Experiments.Paper;
using RefusalSae.Testing;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Tests.Paper;

/// <summary>The worker's `attribute` and `select` verbs end to end on a tiny random model and SAEs saved to a temp folder.</summary>
public sealed class AttributeSelectVerbTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("paper-verbs-").FullName;

    private string F(string name) => Path.Combine(_dir, name);

    [Fact]
    public void Attribute_writes_the_LA_IG_tensors_of_the_library_and_select_ranks_them_as_the_feature_sets_do()
    {
        using var setup = new TinyPaperSetup();
        ModelSnapshot.Save(setup.Model, F("model"));
        foreach (var (l, sae) in setup.Saes) SaeLensWriter.Save(F(Path.Combine("saes", $"layer_{l}")), sae);
        var prompts = TinyPaperSetup.Prompts(3, seed: 8);
        var (ids, mask, batch) = TinyPaperSetup.Batch(prompts);
        var direction = randn(TinyPaperSetup.D, generator: new Generator(4));
        SafeTensors.Save(F("in.safetensors"), new Dictionary<string, Tensor> { ["input_ids"] = ids, ["attention_mask"] = mask });
        SafeTensors.Save(F("dir.safetensors"), new Dictionary<string, Tensor> { ["direction"] = direction });

        var rc = Worker.Program.Main(["attribute", "--model", F("model"), "--sae-dir", F("saes"), "--direction", F("dir.safetensors"),
            "--in", F("in.safetensors"), "--refusal-id", "7", "--steps", "3", "--out", F("attr.safetensors")]);
        Assert.Equal(0, rc);
        var o = SafeTensors.Load(F("attr.safetensors"));
        Assert.Equal(3 * TinyPaperSetup.Layers + 1, o.Count);
        Assert.Equal(ScalarType.Int64, o["jailbreak_id"].dtype);
        Assert.Equal([3L, batch.Length, TinyPaperSetup.S], o["attrs.1"].shape);

        using var model = ModelLoader.Load(F("model"), ScalarType.Float32, CPU);
        var saes = LayerSaes.Load(F("saes"), TinyPaperSetup.Layers);
        using var lib = LaIg.Attribute(model, saes, ids, mask, direction, 7, new LaIgOptions { Steps = 3 });
        Assert.Equal(lib.JailbreakIds, o["jailbreak_id"].data<long>().ToArray());
        for (var l = 0; l < TinyPaperSetup.Layers; l++)
        {
            MaxError.AssertWithin($"attrs.{l}", (o[$"attrs.{l}"] - lib.Attrs[l]).abs().max().item<float>(), 1e-6, output);
            MaxError.AssertWithin($"delta.{l} = grads ⊙ … consistency", (o[$"delta.{l}"] * o[$"grads.{l}"] - o[$"attrs.{l}"]).abs().max().item<float>(), 1e-6, output);
        }

        rc = Worker.Program.Main(["select", "--attr", F("attr.safetensors"), "--sae-dir", F("saes"), "--direction", F("dir.safetensors"),
            "--in", F("in.safetensors"), "--k", "4", "--k-star", "5", "--out", F("sets.json")]);
        Assert.Equal(0, rc);
        using var json = JsonDocument.Parse(File.ReadAllText(F("sets.json")));
        var root = json.RootElement;
        var candidates = CosineCandidates.PerLayer(saes, direction, 4);
        var attributions = Enumerable.Range(0, 3).Select(b => PromptAttribution.FromBatch(lib, batch.AttentionMask, b, candidates)).ToList();
        Assert.Equal(Refs(FeatureSets.OursGlobal(candidates, attributions, 5)), Refs(root.GetProperty("ours_global")));
        Assert.Equal(Refs(FeatureSets.ApGlobal(attributions, 5)), Refs(root.GetProperty("ap_global")));
        Assert.Equal(3, root.GetProperty("ours_local").GetArrayLength());
        Assert.Equal(Refs(FeatureSets.OursLocal(candidates, attributions, 5)[2]), Refs(root.GetProperty("ours_local")[2]));
        Assert.Equal(4 * TinyPaperSetup.Layers, root.GetProperty("cossim_candidates").GetArrayLength());
        foreach (var s in saes.Values) s.Dispose();
    }

    [Fact]
    public void A_direction_of_the_wrong_width_is_an_error_exit_naming_the_file()
    {
        using var setup = new TinyPaperSetup();
        ModelSnapshot.Save(setup.Model, F("model"));
        foreach (var (l, sae) in setup.Saes) SaeLensWriter.Save(F(Path.Combine("saes", $"layer_{l}")), sae);
        var (ids, mask, _) = TinyPaperSetup.Batch(TinyPaperSetup.Prompts(2, seed: 1));
        SafeTensors.Save(F("in.safetensors"), new Dictionary<string, Tensor> { ["input_ids"] = ids, ["attention_mask"] = mask });
        SafeTensors.Save(F("dir.safetensors"), new Dictionary<string, Tensor> { ["direction"] = randn(TinyPaperSetup.D + 1) });
        var rc = Worker.Program.Main(["attribute", "--model", F("model"), "--sae-dir", F("saes"), "--direction", F("dir.safetensors"),
            "--in", F("in.safetensors"), "--refusal-id", "7", "--out", F("attr.safetensors")]);
        Assert.NotEqual(0, rc);
        Assert.False(File.Exists(F("attr.safetensors")));
    }

    private static List<string> Refs(IEnumerable<FeatureRef> fs) => fs.Select(f => $"{f.Layer}/{f.Index}").ToList();

    private static List<string> Refs(JsonElement array) =>
        array.EnumerateArray().Select(e => $"{e.GetProperty("layer").GetInt32()}/{e.GetProperty("index").GetInt64()}").ToList();

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
