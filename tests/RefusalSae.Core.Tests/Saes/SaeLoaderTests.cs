using System.Text.Json.Nodes;
using RefusalSae.Core.IO;
using RefusalSae.Core.Saes;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Saes;

public sealed class SaeLoaderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"rsw-sae-{Guid.NewGuid():N}");

    [Fact]
    public void Saelens_folders_written_here_load_back_with_identical_encodings()
    {
        using var scope = NewDisposeScope();
        foreach (ISae sae in new ISae[] { SaeBuilder.JumpRelu(applyBDec: true), SaeBuilder.TopK(k: 7) })
        {
            var folder = Path.Combine(_dir, sae.Architecture);
            SaeLensWriter.Save(folder, sae, new Dictionary<string, JsonNode?> { ["model_name"] = "toy" });
            Assert.Equal(SaeFormat.SaeLens, SaeLoader.Detect(folder));
            using var back = SaeLoader.Load(folder);
            var x = SaeBuilder.Input(10, 16);
            Assert.Equal(sae.Architecture, back.Architecture);
            Assert.Equal(sae.HookName, back.HookName);
            Assert.Equal(3, back.Layer);
            Assert.True(back.Encode(x).equal(sae.Encode(x)).all().item<bool>());
            Assert.True(back.Error(x).equal(sae.Error(x)).all().item<bool>());
            sae.Dispose();
        }
    }

    [Fact]
    public void A_saelens_topk_cfg_in_the_version_5_spelling_is_read()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.TopK(k: 4);
        SaeLensWriter.Save(_dir, sae);
        var cfg = JsonNode.Parse(File.ReadAllText(Path.Combine(_dir, "cfg.json")))!.AsObject();
        cfg["architecture"] = "standard";
        cfg.Remove("k");
        File.WriteAllText(Path.Combine(_dir, "cfg.json"), cfg.ToJsonString());
        using var back = SaeLoader.Load(_dir);
        Assert.Equal(4, Assert.IsType<TopKSae>(back).K);
    }

    [Fact]
    public void A_misshaped_tensor_is_reported_with_the_file_and_the_key()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        SaeLensWriter.Save(_dir, sae);
        var file = Path.Combine(_dir, "sae_weights.safetensors");
        var w = SafeTensors.Load(file);
        w["threshold"] = zeros(47);
        SafeTensors.Save(file, w);
        var e = Assert.Throws<InvalidDataException>(() => SaeLoader.Load(_dir));
        Assert.Contains(file, e.Message);
        Assert.Contains("'threshold'", e.Message);
        Assert.Contains("[48]", e.Message);
    }

    [Fact]
    public void A_missing_cfg_key_or_an_unsupported_normalisation_is_reported_with_the_file_and_the_key()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        SaeLensWriter.Save(_dir, sae);
        var path = Path.Combine(_dir, "cfg.json");
        var cfg = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        cfg.Remove("d_sae");
        File.WriteAllText(path, cfg.ToJsonString());
        var e = Assert.Throws<InvalidDataException>(() => SaeLoader.Load(_dir));
        Assert.Contains(path, e.Message);
        Assert.Contains("'d_sae'", e.Message);

        cfg["d_sae"] = 48;
        cfg["normalize_activations"] = "constant_norm_rescale";
        File.WriteAllText(path, cfg.ToJsonString());
        e = Assert.Throws<InvalidDataException>(() => SaeLoader.Load(_dir));
        Assert.Contains("'normalize_activations'", e.Message);
    }

    [Fact]
    public void A_missing_tensor_is_reported_with_the_file_and_the_key()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        SaeLensWriter.Save(_dir, sae);
        var file = Path.Combine(_dir, "sae_weights.safetensors");
        var w = SafeTensors.Load(file);
        w.Remove("b_enc");
        SafeTensors.Save(file, w);
        var e = Assert.Throws<KeyNotFoundException>(() => SaeLoader.Load(_dir));
        Assert.Contains(file, e.Message);
        Assert.Contains("'b_enc'", e.Message);
    }

    [Fact]
    public void A_folder_without_any_sae_is_reported_with_its_path()
    {
        Directory.CreateDirectory(_dir);
        var e = Assert.Throws<InvalidDataException>(() => SaeLoader.Load(_dir));
        Assert.Contains(_dir, e.Message);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
