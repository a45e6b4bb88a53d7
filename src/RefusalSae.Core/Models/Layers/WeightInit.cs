using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>
/// How new parameters are created. <see cref="ForLoading"/> allocates without touching the memory (torch.empty), so
/// loading a checkpoint straight into the parameters keeps peak memory at about the model size.
/// <see cref="Random"/> follows transformers' _init_weights: N(0, initializer_range) for projections and embeddings.
/// </summary>
public sealed class WeightInit
{
    private readonly Generator? _generator;

    public ScalarType DType { get; }
    public Device Device { get; }
    public bool Uninitialized { get; }
    public double Std { get; }

    private WeightInit(ScalarType dtype, Device device, bool uninitialized, double std, Generator? generator)
    {
        DType = dtype; Device = device; Uninitialized = uninitialized; Std = std; _generator = generator;
    }

    public static WeightInit ForLoading(ScalarType dtype, Device device) => new(dtype, device, true, 0, null);

    public static WeightInit Random(ScalarType dtype, Device device, double std, long seed)
    {
        var g = new Generator((ulong)seed);
        return new WeightInit(dtype, device, false, std, g);
    }

    /// <summary>A projection or embedding matrix: N(0, std).</summary>
    public Parameter Normal(params long[] shape)
    {
        if (Uninitialized) return Empty(shape);
        using var t = torch.randn(shape, ScalarType.Float32, generator: _generator) * Std;
        return new Parameter(t.to(DType, Device));
    }

    /// <summary>A norm weight filled with <paramref name="value"/> (0 for Gemma's 1+w, 1 for Llama's w).</summary>
    public Parameter Constant(double value, params long[] shape) =>
        Uninitialized ? Empty(shape) : new Parameter(torch.full(shape, value, DType, Device));

    private Parameter Empty(long[] shape) => new(torch.empty(shape, DType, Device));
}
