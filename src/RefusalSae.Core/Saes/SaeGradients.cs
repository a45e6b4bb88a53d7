using static TorchSharp.torch;

namespace RefusalSae.Core.Saes;

/// <summary>
/// Gradients with respect to SAE features from gradients with respect to the residual stream. When the hook returns
/// dec(f) + r with r held as a separate tensor, ∂out/∂f = W_dec, so ∂m/∂f = (∂m/∂out) W_decᵀ exactly
/// (paper-method §4.2, "Exact simplification"): attribution never needs an S-wide tensor in the autograd graph.
/// </summary>
// N.. = leading dims, D = d_model, S = d_sae, K = selected features
public static class SaeGradients
{
    /// <summary>grad_f = grad_x · W_decᵀ for every feature: [.., D] → [.., S].</summary>
    public static Tensor ToFeatures(ISae sae, Tensor gradX)
    {
        CheckD(sae, gradX);
        using var scope = NewDisposeScope();
        var wdec = sae.W_dec.to(gradX.dtype, gradX.device);                 // [S, D]
        return gradX.matmul(wdec.t()).MoveToOuterDisposeScope();            // [.., S]
    }

    /// <summary>grad_f for the features <paramref name="ids"/> only: [.., D] → [.., K].</summary>
    public static Tensor ToFeatures(ISae sae, Tensor gradX, long[] ids)
    {
        CheckD(sae, gradX);
        using var scope = NewDisposeScope();
        var rows = sae.W_dec.index_select(0, tensor(ids, device: sae.W_dec.device)).to(gradX.dtype, gradX.device);  // [K, D]
        return gradX.matmul(rows.t()).MoveToOuterDisposeScope();            // [.., K]
    }

    private static void CheckD(ISae sae, Tensor g)
    {
        if (g.shape.Length == 0 || g.shape[^1] != sae.DModel)
            throw new ArgumentException($"{sae.HookName}: gradient must be [.., {sae.DModel}], got [{string.Join(",", g.shape)}].");
    }
}
