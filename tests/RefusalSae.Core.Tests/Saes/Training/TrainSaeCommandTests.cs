using System.Text.Json;
using RefusalSae.Core.IO;
using RefusalSae.Core.Saes;
using RefusalSae.Worker;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Saes.Training;

/// <summary>`train-sae` then `sae-encode` on its output, in process.</summary>
[Collection("Console")]
public sealed class TrainSaeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rsw-train-sae-").FullName;

    [Fact]
    public void Train_sae_writes_a_saelens_folder_with_metrics_that_sae_encode_reads()
    {
        using var scope = NewDisposeScope();
        var g = new Generator(5);
        var atoms = randn(64, 16, generator: g);                            // [64, D=16]
        var codes = rand(3000, 64, generator: g).lt(0.04).to_type(ScalarType.Float32) * (rand(3000, 64, generator: g) + 0.5f);
        var x = codes.matmul(atoms) + 3;                                    // [3000, 16]
        var acts = Path.Combine(_dir, "acts.safetensors");
        SafeTensors.Save(acts, new Dictionary<string, Tensor> { ["x"] = x });
        var saeDir = Path.Combine(_dir, "sae");

        var threads = torch.get_num_threads();
        torch.set_num_threads(1);
        try
        {
            Assert.Equal(0, Program.Main(["train-sae", "--in", acts, "--out", saeDir, "--hook", "blocks.1.hook_resid_post",
                "--k", "6", "--steps", "300", "--batch", "128", "--seed", "1", "--threads", "0"]));
        }
        finally
        {
            torch.set_num_threads(threads);
        }

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(saeDir, "metrics.json")));
        var fve = metrics.RootElement.GetProperty("fraction_variance_explained").GetDouble();
        var l0 = metrics.RootElement.GetProperty("mean_l0").GetDouble();
        Assert.InRange(fve, 0.5, 1.0);
        Assert.InRange(l0, 1.0, 6.0);
        Assert.Equal(300, metrics.RootElement.GetProperty("heldout_tokens").GetInt64());
        Assert.Equal(64, metrics.RootElement.GetProperty("d_sae").GetInt64());

        var fPath = Path.Combine(_dir, "f.safetensors");
        Assert.Equal(0, Program.Main(["sae-encode", "--sae", saeDir, "--in", acts, "--out", fPath]));
        using var sae = SaeLoader.Load(saeDir);
        Assert.Equal("topk", sae.Architecture);
        Assert.True(SafeTensors.Load(fPath)["f"].equal(sae.Encode(x)).all().item<bool>());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
