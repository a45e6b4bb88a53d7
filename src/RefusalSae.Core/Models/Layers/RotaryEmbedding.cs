using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>
/// Rotate-half (NeoX) RoPE as in HF checkpoints (formats.md §0.7): frequencies and angles in float32, cos/sin cast
/// to the activation dtype. Optional llama3 frequency scaling (formats.md §2.2).
/// </summary>
public sealed class RotaryEmbedding : IDisposable
{
    private readonly Tensor _invFreq;   // (E/2) f32

    public RotaryEmbedding(ModelConfig cfg, Device device)
    {
        using var scope = torch.NewDisposeScope();
        var inv = InverseFrequencies(cfg.HeadDim, cfg.RopeTheta, cfg.RopeScaling);
        _invFreq = inv.to(device).DetachFromDisposeScope();
    }

    /// <summary>The (possibly llama3-scaled) inverse frequencies, f32 (E/2).</summary>
    public Tensor InvFreq => _invFreq;

    public static Tensor InverseFrequencies(int headDim, double theta, RopeScaling? scaling)
    {
        using var scope = torch.NewDisposeScope();
        // HF: 1 / base ** (arange(0, d, 2).float() / d), all f32
        var exponent = torch.arange(0, headDim, 2, ScalarType.Int64).to_type(ScalarType.Float32) / headDim;
        var inv = 1.0 / torch.full_like(exponent, theta).pow(exponent);                // (E/2)
        if (scaling is { } s) inv = Llama3(inv, s);
        return inv.MoveToOuterDisposeScope();
    }

    private static Tensor Llama3(Tensor inv, RopeScaling s)
    {
        var lowWavelen = s.OriginalMaxPositionEmbeddings / s.LowFreqFactor;
        var highWavelen = s.OriginalMaxPositionEmbeddings / s.HighFreqFactor;
        var wavelen = 2 * Math.PI / inv;
        var f1 = torch.where(wavelen > lowWavelen, inv / s.Factor, inv);
        var smooth = (s.OriginalMaxPositionEmbeddings / wavelen - s.LowFreqFactor) / (s.HighFreqFactor - s.LowFreqFactor);
        var smoothed = (1 - smooth) * f1 / s.Factor + smooth * f1;
        var medium = (wavelen < highWavelen).logical_not() & (wavelen > lowWavelen).logical_not();
        return torch.where(medium, smoothed, f1);
    }

    /// <summary>cos, sin of shape (B, 1, T, E) in <paramref name="dtype"/> for integer positions (B, T).</summary>
    public (Tensor Cos, Tensor Sin) CosSin(Tensor positionIds, ScalarType dtype)
    {
        using var scope = torch.NewDisposeScope();
        var angles = positionIds.to_type(ScalarType.Float32).unsqueeze(-1) * _invFreq;  // (B, T, E/2) f32
        var emb = torch.cat([angles, angles], -1).unsqueeze(1);                          // (B, 1, T, E)
        var cos = emb.cos().to_type(dtype);
        var sin = emb.sin().to_type(dtype);
        return (cos.MoveToOuterDisposeScope(), sin.MoveToOuterDisposeScope());
    }

    /// <summary>x·cos + rotate_half(x)·sin, rotate_half(x) = cat(-x[E/2:], x[:E/2]).</summary>
    public static Tensor Apply(Tensor x, Tensor cos, Tensor sin)                          // x: (B, H, T, E)
    {
        using var scope = torch.NewDisposeScope();
        var half = x.shape[^1] / 2;
        var x1 = x.narrow(-1, 0, half);
        var x2 = x.narrow(-1, half, half);
        var rotated = torch.cat([-x2, x1], -1);                                           // (B, H, T, E)
        return (x * cos + rotated * sin).MoveToOuterDisposeScope();
    }

    public void Dispose() => _invFreq.Dispose();
}
