using RefusalSae.Core.IO;
using RefusalSae.Testing;
using RefusalSae.Worker;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Saes;

/// <summary>The `sae-encode` verb end to end, in process, against the fixture goldens.</summary>
[Collection("Console")]
public sealed class SaeEncodeCommandTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rsw-sae-encode-").FullName;

    [Theory]
    [InlineData("tiny-gemmascope/layer_1/width_256/average_l0_12/params.npz", null, "tiny-gemmascope", "feature_acts")]
    [InlineData("tiny-gemmascope/layer_1/width_256/average_l0_12", null, "tiny-gemmascope", "feature_acts")]
    [InlineData("tiny-llamascope/Tiny-L1R-4x", null, "tiny-llamascope", "saelens_5_5_2.feature_acts")]
    [InlineData("tiny-llamascope/Tiny-L1R-4x", "corrected", "tiny-llamascope", "saelens_ge_5_10_3.feature_acts")]
    public void Sae_encode_writes_the_golden_features(string sae, string? threshold, string fixture, string key)
    {
        var saePath = ThirdParty.Require(Paths.Fixture(sae.Split('/')));
        using var scope = NewDisposeScope();
        var golden = SafeTensors.Load(Paths.Fixture(fixture, "golden.safetensors"));
        var inPath = Path.Combine(_dir, "x.safetensors");
        var outPath = Path.Combine(_dir, "f.safetensors");
        SafeTensors.Save(inPath, new Dictionary<string, Tensor> { ["x"] = golden["x"] });
        string[] args = ["sae-encode", "--sae", saePath, "--in", inPath, "--out", outPath, "--batch", "5"];
        if (threshold is not null) args = [.. args, "--llamascope-threshold", threshold];
        Assert.Equal(0, Program.Main(args));
        var f = SafeTensors.Load(outPath)["f"];
        Assert.Equal(ScalarType.Float32, f.dtype);
        Assert.Equal([12L, 256L], f.shape);
        MaxError.AssertWithin($"sae-encode {sae} {key}", (f - golden[key]).abs().max().item<float>(), 1e-5, output);
    }

    [Fact]
    public void An_input_of_the_wrong_width_fails_with_a_message_naming_the_file_and_tensor()
    {
        var saePath = ThirdParty.Require(Paths.Fixture("tiny-gemmascope", "layer_1", "width_256", "average_l0_12"));
        using var scope = NewDisposeScope();
        var inPath = Path.Combine(_dir, "bad.safetensors");
        SafeTensors.Save(inPath, new Dictionary<string, Tensor> { ["x"] = zeros(3, 63) });
        var err = new StringWriter();
        var old = Console.Error;
        Console.SetError(err);
        try
        {
            Assert.Equal(1, Program.Main(["sae-encode", "--sae", saePath, "--in", inPath, "--out", Path.Combine(_dir, "f.safetensors")]));
        }
        finally
        {
            Console.SetError(old);
        }
        Assert.Contains(inPath, err.ToString());
        Assert.Contains("'x'", err.ToString());
        Assert.Contains("[N,64]", err.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
