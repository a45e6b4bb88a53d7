using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using RefusalSae.Experiments.Paper;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Harm;

/// <summary>
/// Per-prompt feature values of §4.3a (<c>get_feat_val</c>, paper-method §7.2) from one unpadded forward: the mean over
/// all positions (BOS included: the paper ignores its ignore_bos for ops='mean', spec §9 #15) and the mean over the last
/// positions with the leading BOS skipped.
/// </summary>
public static class FeatureMeans
{
    public static (double[] AllPositions, double[] LastPositions) Read(ICausalLM model, IReadOnlyDictionary<int, ISae> saes, int[] promptIds,
        IReadOnlyList<FeatureRef> features, int lastPositions = 5, int skipLeading = 1)
    {
        var t = promptIds.Length;
        var from = Math.Min(t - 1, Math.Max(skipLeading, t - lastPositions));
        var all = new double[features.Count];
        var last = new double[features.Count];
        var layers = features.Select(f => f.Layer).Distinct().Order().ToList();
        foreach (var l in layers.Where(l => !saes.ContainsKey(l))) throw new ArgumentException($"layer {l} has no SAE.");
        using var scope = NewDisposeScope();
        using (no_grad())
        using (LaIg.Hooks(model, layers, l => h =>
               {
                   var mine = features.Select((f, j) => (f, j)).Where(p => p.f.Layer == l).ToList();
                   var acts = saes[l].EncodeSelected(h, mine.Select(p => p.f.Index).ToArray()).to_type(ScalarType.Float64)[0];   // [T, K]
                   var meanAll = HostRead.Doubles(acts.mean([0]));
                   var meanLast = HostRead.Doubles(acts[TensorIndex.Slice(from, t)].mean([0]));
                   for (var k = 0; k < mine.Count; k++) (all[mine[k].j], last[mine[k].j]) = (meanAll[k], meanLast[k]);
                   return h;
               }))
            model.Forward(tensor(promptIds.Select(i => (long)i).ToArray()).unsqueeze(0).to(model.Device), ones(1, t, ScalarType.Int64).to(model.Device));
        return (all, last);
    }
}
