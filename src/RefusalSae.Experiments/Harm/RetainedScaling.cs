using RefusalSae.Core.Hooks;
using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Experiments.Paper;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Harm;

/// <summary>
/// The §4.2 intervention (paper-method §5.1 with <c>retain</c>, §7.1 step 5): at every position, the scaled features F
/// are multiplied by c; during the prompt forward only (the paper's act.shape[1] > 1), the retained features R are set
/// to their values in a clean run of the same batch. Closed form on resid_post:
/// h' = h + (c−1) Σ_{i∈F} f_i W_dec[i] + Σ_{j∈R} (f^clean_j − f_j) W_dec[j], f encoded from the incoming stream.
/// </summary>
// B batch, T prompt positions, D d_model, K features of one layer
public static class RetainedScaling
{
    /// <summary>Clean activations of the retained features per layer [B, T, K_l], one forward without hooks.</summary>
    public static Dictionary<int, Tensor> CleanValues(ICausalLM model, IReadOnlyDictionary<int, ISae> saes, IReadOnlyList<FeatureRef> retained,
        Tensor inputIds, Tensor attentionMask)
    {
        var byLayer = FeatureRefs.ByLayer(retained);
        var values = new Dictionary<int, Tensor>();
        if (byLayer.Count == 0) return values;
        using var scope = NewDisposeScope();
        var hooks = byLayer.Select(p => model.Hooks.Read(HookName.ResidPost(p.Key),
            h => values[p.Key] = saes[p.Key].EncodeSelected(h, Sorted(p.Value)).detach().clone().DetachFromDisposeScope())).ToList();   // [B, T, K]
        try
        {
            using (no_grad()) model.Forward(inputIds, attentionMask);
        }
        finally
        {
            foreach (var h in hooks) h.Dispose();
        }
        return values;
    }

    /// <summary>
    /// Installs the hooks; <paramref name="clean"/> comes from <see cref="CleanValues"/> on the batch about to be
    /// generated (same prompts, same padding). Disposing removes the hooks; the clean tensors stay the caller's.
    /// </summary>
    public static IDisposable Install(ICausalLM model, IReadOnlyDictionary<int, ISae> saes, IReadOnlyList<FeatureRef> scaled, double c,
        IReadOnlyList<FeatureRef> retained, IReadOnlyDictionary<int, Tensor> clean)
    {
        var scaledBy = FeatureRefs.ByLayer(scaled).ToDictionary(p => p.Key, p => Sorted(p.Value));
        var retainedBy = FeatureRefs.ByLayer(retained).ToDictionary(p => p.Key, p => Sorted(p.Value));
        if (scaledBy.Keys.Intersect(retainedBy.Keys).Any(l => scaledBy[l].Intersect(retainedBy[l]).Any()))
            throw new ArgumentException("a feature is both scaled and retained.");
        var layers = scaledBy.Keys.Union(retainedBy.Keys).Order().ToList();
        foreach (var l in layers.Where(l => !saes.ContainsKey(l)))
            throw new ArgumentException($"a selected feature sits on layer {l}, which has no SAE.");
        return LaIg.Hooks(model, layers, l => h =>
        {
            var terms = new List<FeatureEdit>();
            if (scaledBy.TryGetValue(l, out var ids))
                terms.Add(new FeatureEdit(ids, f => f * (c - 1.0)));                                 // [B, T, K]
            if (retainedBy.TryGetValue(l, out var rids) && h.shape[1] > 1)
            {
                var target = clean[l];                                                                // [B, T, K]
                if (target.shape[0] != h.shape[0] || target.shape[1] != h.shape[1])
                    throw new InvalidOperationException($"retained clean values are [{string.Join(",", target.shape)}], the prompt pass is [{string.Join(",", h.shape)}].");
                terms.Add(new FeatureEdit(rids, f => target.to(f.dtype, h.device) - f));              // [B, T, K]
            }
            // Summed in float32 (float64 for a float64 stream) whatever the SAE's dtype.
            return SaeInterventions.Edit(saes[l], h, terms, h.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32);
        });
    }

    private static long[] Sorted(long[] ids) => ids.Distinct().Order().ToArray();
}
