using RefusalSae.Core.Tensors;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>
/// RMSNorm in both published variants (formats.md §0.1). Gemma: (x̂_f32 · (1 + w_f32)) cast to the input dtype
/// AFTER the multiply. Llama: w · (x̂_f32 cast to the input dtype), cast BEFORE the multiply.
/// </summary>
public sealed class RmsNorm : nn.Module
{
    private readonly Parameter weight;   // (D)
    private readonly double _eps;
    private readonly bool _gemma;

    public RmsNorm(long dim, double eps, bool gemmaOffset, WeightInit init) : base(nameof(RmsNorm))
    {
        _eps = eps;
        _gemma = gemmaOffset;
        weight = init.Constant(gemmaOffset ? 0.0 : 1.0, dim);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x)                                                    // x: (B, T, D)
    {
        using var scope = torch.NewDisposeScope();
        var xf = x.to_type(ScalarType.Float32);
        var normed = xf * torch.rsqrt(xf.Power(2).mean([-1L], keepdim: true).Plus(_eps));    // (B, T, D) f32
        var y = _gemma
            ? (normed * weight.to_type(ScalarType.Float32).Plus(1.0)).to_type(x.dtype)
            : weight * normed.to_type(x.dtype);
        return y.MoveToOuterDisposeScope();
    }
}
