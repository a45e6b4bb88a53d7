using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// The §4.1 interventions as scoped hooks on resid_post (paper-method §5.1, §3.3), active at every position of the
/// prompt and of every generated token while the returned handle lives.
/// </summary>
// B batch, T positions, D d_model, K selected features of one layer
public static class Interventions
{
    /// <summary>
    /// f[F] ← c·f[F], decoded with the SAE error added back, in the closed form h + (c−1) Σ_{i∈F} f_i W_dec[i]; only
    /// layers that hold selected features are hooked. <paramref name="perRow"/>[b] is row b's own feature set (the
    /// paper's ind=True); a single entry applies to every row.
    /// </summary>
    public static IDisposable ScaleFeatures(ICausalLM model, IReadOnlyDictionary<int, ISae> saes,
        IReadOnlyList<IReadOnlyList<FeatureRef>> perRow, double c)
    {
        var layers = perRow.SelectMany(r => r).Select(f => f.Layer).Distinct().Order().ToList();
        foreach (var l in layers.Where(l => !saes.ContainsKey(l)))
            throw new ArgumentException($"a selected feature sits on layer {l}, which has no SAE.");
        var plans = layers.ToDictionary(l => l, l => LayerPlan.Of(l, perRow, model.Device));
        return LaIg.Hooks(model, layers, l => h =>
        {
            var (ids, mask) = plans[l];
            var sae = saes[l];
            if (mask.shape[0] != 1 && mask.shape[0] != h.shape[0])
                throw new InvalidOperationException($"per-row feature sets for {mask.shape[0]} rows, batch has {h.shape[0]}.");
            // Δf = (c − 1) f on each row's own features only: [B, T, K] · mask [B or 1, 1, K]
            return SaeInterventions.Edit(sae, h, [new FeatureEdit(ids, f => f * (c - 1.0) * mask.to(f.dtype, f.device).unsqueeze(1))]);   // [B, T, D]
        });
    }

    /// <summary>Directional ablation ("AS"): h ← h − (h·n̂) n̂ at every layer and position.</summary>
    public static IDisposable AblateDirection(ICausalLM model, Tensor direction)
    {
        var unit = UnitVector(direction, model).DetachFromDisposeScope();                          // [D]
        var hooks = LaIg.Hooks(model, Enumerable.Range(0, model.Config.NumHiddenLayers),
            _ => h => h - h.matmul(unit).unsqueeze(-1) * unit);                                    // [B, T, D]
        return new Owned(hooks, unit);
    }

    /// <summary>n̂ = v/‖v‖ normalised in float64, then cast to the model's dtype and device [D].</summary>
    public static Tensor UnitVector(Tensor direction, ICausalLM model)
    {
        using var scope = NewDisposeScope();
        var v = direction.to(ScalarType.Float64);
        return (v / v.norm()).to(model.DType, model.Device).MoveToOuterDisposeScope();
    }

    private sealed class Owned(IDisposable hooks, Tensor owned) : IDisposable
    {
        public void Dispose()
        {
            hooks.Dispose();
            owned.Dispose();
        }
    }

    /// <summary>One layer's union of selected ids and the row × id membership mask [B or 1, K].</summary>
    private static class LayerPlan
    {
        public static (long[] Ids, Tensor Mask) Of(int layer, IReadOnlyList<IReadOnlyList<FeatureRef>> perRow, Device device)
        {
            var ids = perRow.SelectMany(r => r).Where(f => f.Layer == layer).Select(f => f.Index).Distinct().Order().ToArray();
            var mask = new float[perRow.Count, ids.Length];
            for (var b = 0; b < perRow.Count; b++)
                foreach (var f in perRow[b].Where(f => f.Layer == layer))
                    mask[b, Array.IndexOf(ids, f.Index)] = 1f;
            return (ids, tensor(mask, device: device).DetachFromDisposeScope());
        }
    }
}
