using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using RefusalSae.Experiments.Paper;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Dashboards;

/// <summary>
/// The activation of chosen SAE features on every real (non-pad) token of a left-padded batch: one forward pass
/// with each needed layer's SAE encoding resid_post, keeping only the chosen features' columns.
/// </summary>
public static class FeatureActivations
{
    /// <returns>[text][feature] → activation per real token of that text.</returns>
    public static float[][][] PerToken(ICausalLM model, IReadOnlyDictionary<int, ISae> saes, IReadOnlyList<FeatureRef> features,
        Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        using var bag = new TensorBag();
        var layers = features.Select(f => f.Layer).Distinct().Order().ToList();
        foreach (var l in layers)
            if (!saes.ContainsKey(l)) throw new ArgumentException($"feature layer {l} has no SAE (layers with SAEs: {string.Join(", ", saes.Keys.Order())}).");
        var columns = layers.ToDictionary(l => l, l => features.Where(f => f.Layer == l).Select(f => f.Index).ToArray());
        var reads = new Dictionary<int, Tensor>();
        using (no_grad())
        using (LaIg.Hooks(model, layers, l => h =>
               {
                   var f = saes[l].Encode(h).to_type(ScalarType.Float32);                                  // [B, T, S]
                   reads[l] = bag.Keep(f.index_select(2, tensor(columns[l], device: f.device)).cpu());       // [B, T, k_l]
                   return h;
               }))
            model.Forward(inputIds, attentionMask);
        var mask = HostRead.Longs(attentionMask);
        var (b, t) = ((int)inputIds.shape[0], (int)inputIds.shape[1]);
        var values = layers.ToDictionary(l => l, l => HostRead.Floats(reads[l]));
        var result = new float[b][][];
        for (var row = 0; row < b; row++)
        {
            var positions = Enumerable.Range(0, t).Where(p => mask[row * t + p] != 0).ToArray();
            result[row] = features.Select(f =>
            {
                var k = columns[f.Layer].Length;
                var j = Array.IndexOf(columns[f.Layer], f.Index);
                return positions.Select(p => values[f.Layer][(row * t + p) * k + j]).ToArray();
            }).ToArray();
        }
        return result;
    }
}
