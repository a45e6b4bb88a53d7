using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tensors;

/// <summary>
/// Tensor-and-number arithmetic for the forward pass. TorchSharp's `tensor + 1.0` turns the number (and, for add,
/// an alpha of 1) into a temporary <see cref="Scalar"/> that nothing references while libtorch runs, and Scalar has a
/// finalizer: a GC in that window frees it under libtorch's feet. Seen once in a rehearsal as
/// "Expected false to be true" from c10's Scalar::toFloat in RmsNorm (a freed double read back as garbage). These
/// helpers keep the Scalar alive until the call returns and free it then.
/// </summary>
public static class ScalarMath
{
    private static readonly Scalar One = 1.ToScalar();   // static: never collected

    public static Tensor Plus(this Tensor t, double value)
    {
        using var s = value.ToScalar();
        return t.add(s, One);
    }

    public static Tensor Times(this Tensor t, double value)
    {
        using var s = value.ToScalar();
        return t.mul(s);
    }

    public static Tensor DividedBy(this Tensor t, double value)
    {
        using var s = value.ToScalar();
        return t.div(s);
    }

    /// <summary>Gemma-2's soft-capping, cap · tanh(x / cap), for attention scores and final logits.</summary>
    public static Tensor SoftCapped(this Tensor t, double cap) => t.DividedBy(cap).tanh().Times(cap);

    public static Tensor Power(this Tensor t, double exponent)
    {
        using var s = exponent.ToScalar();
        return t.pow(s);
    }
}
