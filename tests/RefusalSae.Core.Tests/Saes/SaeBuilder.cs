using RefusalSae.Core.Saes;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Saes;

/// <summary>Tiny seeded SAEs for unit tests (the goldens cover the real file formats).</summary>
internal static class SaeBuilder
{
    public static JumpReluSae JumpRelu(long d = 16, long s = 48, int seed = 0, bool applyBDec = false)
    {
        var g = new Generator((ulong)seed);
        return new JumpReluSae(
            randn(d, s, generator: g) / Math.Sqrt(d), randn(s, generator: g) * 0.1f,
            randn(s, d, generator: g) / Math.Sqrt(d), randn(d, generator: g) * 0.1f,
            rand(s, generator: g) * 0.5f, "blocks.3.hook_resid_post", applyBDec);
    }

    public static TopKSae TopK(long d = 16, long s = 48, int k = 5, int seed = 0)
    {
        var g = new Generator((ulong)seed);
        return new TopKSae(
            randn(d, s, generator: g) / Math.Sqrt(d), randn(s, generator: g) * 0.1f,
            randn(s, d, generator: g) / Math.Sqrt(d), randn(d, generator: g) * 0.1f,
            k, "blocks.3.hook_resid_post");
    }

    public static Tensor Input(params long[] shape) => randn(shape, generator: new Generator(42));
}
