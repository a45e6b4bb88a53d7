using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Experiments.Paper;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Harm;

/// <summary>
/// The reads of the §4.3b suffix analysis (paper-method §7.3) on one unpadded prompt: the refusal features' values,
/// averaged over the last positions (BOS skipped), optionally with upstream features multiplied by c from their own
/// start position on (<c>clamp_feat_by_pos</c>: f[:, pos:, u] *= c), in closed form on resid_post. A refusal feature
/// on a layer that also holds clamped features is read after that layer's clamp.
/// </summary>
// T positions, D d_model, K features of one layer
public static class PositionalClamp
{
    public static double[] RefusalValues(ICausalLM model, IReadOnlyDictionary<int, ISae> saes, int[] promptIds, IReadOnlyList<FeatureRef> refusal,
        IReadOnlyList<(FeatureRef Feature, int Start)> clamped, double c, int lastPositions = 5, int skipLeading = 1)
    {
        var t = promptIds.Length;
        var from = Math.Min(t - 1, Math.Max(skipLeading, t - lastPositions));
        var values = new double[refusal.Count];
        var layers = refusal.Select(f => f.Layer).Concat(clamped.Select(u => u.Feature.Layer)).Distinct().Order().ToList();
        foreach (var l in layers.Where(l => !saes.ContainsKey(l))) throw new ArgumentException($"layer {l} has no SAE.");
        using var scope = NewDisposeScope();
        using (no_grad())
        using (LaIg.Hooks(model, layers, l => h =>
               {
                   var sae = saes[l];
                   var output = h;
                   var mine = clamped.Where(u => u.Feature.Layer == l).ToList();
                   if (mine.Count > 0)
                   {
                       var ids = mine.Select(u => u.Feature.Index).ToArray();
                       var mask = new float[t, ids.Length];
                       for (var k = 0; k < mine.Count; k++)
                           for (var p = Math.Max(0, mine[k].Start); p < t; p++) mask[p, k] = 1f;
                       // Δf = (c − 1) f from each feature's start position on: [1, T, K] · mask [T, K], summed in float32
                       output = SaeInterventions.Edit(sae, h, [new FeatureEdit(ids, f => f * (c - 1.0) * tensor(mask, device: f.device))], ScalarType.Float32);  // [1, T, D]
                   }
                   foreach (var (r, j) in refusal.Select((r, j) => (r, j)).Where(p => p.r.Layer == l))
                       values[j] = sae.EncodeSelected(output, [r.Index]).to_type(ScalarType.Float64)[0, TensorIndex.Slice(from, t), 0].mean().item<double>();
                   return output;
               }))
            model.Forward(tensor(promptIds.Select(i => (long)i).ToArray()).unsqueeze(0).to(model.Device), ones(1, t, ScalarType.Int64).to(model.Device));
        return values;
    }
}
