using static TorchSharp.torch;

namespace RefusalSae.Core.Saes.Training;

/// <summary>
/// Quality of an SAE on held-out activations: fraction of variance explained 1 − Σ‖x − x̂‖² / Σ‖x − x̄‖², mean L0
/// (active latents per token) and the fraction of latents that never fire on these tokens.
/// </summary>
public sealed record SaeMetrics(double FractionVarianceExplained, double MeanL0, double DeadFraction, long Tokens)
{
    /// <param name="x">Held-out activations [N, D].</param>
    public static SaeMetrics Evaluate(ISae sae, Tensor x, int batchSize = 4096)
    {
        if (x.shape.Length != 2 || x.shape[1] != sae.DModel)
            throw new ArgumentException($"{sae.HookName}: metrics need activations [N, {sae.DModel}], got [{string.Join(",", x.shape)}].");
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var xd = x.to_type(ScalarType.Float64);
        var mean = xd.mean([0L]);                                           // [D]
        double residual = 0, total = 0, active = 0;
        var fired = zeros(sae.DSae, ScalarType.Bool);                       // [S]
        for (long start = 0; start < x.shape[0]; start += batchSize)
        {
            using var batchScope = NewDisposeScope();
            var xb = x.narrow(0, start, Math.Min(batchSize, x.shape[0] - start));   // [b, D]
            var f = sae.Encode(xb);                                         // [b, S]
            var xhat = sae.Decode(f).to_type(ScalarType.Float64);           // [b, D]
            var xbd = xb.to_type(ScalarType.Float64);
            residual += (xbd - xhat).pow(2).sum().item<double>();
            total += (xbd - mean).pow(2).sum().item<double>();
            var on = f.ne(0);                                               // [b, S]
            active += on.sum().item<long>();
            fired.logical_or_(on.any(0));
        }
        var n = x.shape[0];
        return new SaeMetrics(
            total > 0 ? 1 - residual / total : double.NaN,
            n > 0 ? active / n : double.NaN,
            1 - fired.sum().item<long>() / (double)sae.DSae,
            n);
    }
}
