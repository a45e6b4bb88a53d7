using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>y = x Wᵀ with W stored (out, in) as in the checkpoint; no bias (attention_bias = mlp_bias = false).</summary>
public sealed class LinearNoBias : nn.Module
{
    private readonly Parameter weight;   // (out, in)

    public LinearNoBias(long inFeatures, long outFeatures, WeightInit init) : base(nameof(LinearNoBias))
    {
        weight = init.Normal(outFeatures, inFeatures);
        RegisterComponents();
    }

    public Tensor Weight => weight;

    public Tensor Forward(Tensor x) => nn.functional.linear(x, weight);   // (..., in) → (..., out)
}
