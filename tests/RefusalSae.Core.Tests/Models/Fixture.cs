using RefusalSae.Core.IO;
using RefusalSae.Core.Models;
using RefusalSae.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Models;

/// <summary>The tiny HF checkpoints in ../shared/fixtures and their golden dumps (see each folder's SOURCES.md).</summary>
internal static class Fixture
{
    public const string Gemma2 = "tiny-gemma2-hf";
    public const string Llama3 = "tiny-llama3-hf";

    public static string Folder(string name) => ThirdParty.Require(Paths.Fixture(name));

    public static CausalLM Load(string name, ScalarType dtype = ScalarType.Float32) =>
        ModelLoader.Load(Folder(name), dtype, torch.CPU);

    public static Dictionary<string, Tensor> Golden(string name) =>
        SafeTensors.Load(ThirdParty.Require(Paths.Fixture(name, "golden.safetensors")));

    /// <summary>The reference implementation's own float64 run of the golden's inputs (f64.* and far.f64.* keys).</summary>
    public static Dictionary<string, Tensor> GoldenF64(string name) =>
        SafeTensors.Load(ThirdParty.Require(Paths.Fixture(name, "golden_f64.safetensors")));

    /// <summary>Max |a - b| over positions where mask == 1, computed in float64; a, b (B, T, ...) any float dtype.</summary>
    public static double MaxErrorOnTokens(Tensor a, Tensor b, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        var diff = (a.to_type(ScalarType.Float64) - b.to_type(ScalarType.Float64)).abs();   // (B, T, X)
        var keep = mask.to_type(ScalarType.Bool);                                            // (B, T)
        return diff[keep].max().item<double>();
    }
}
