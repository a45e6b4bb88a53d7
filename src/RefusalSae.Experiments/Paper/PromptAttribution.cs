using RefusalSae.Core.Tensors;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// What the feature sets need from one prompt's LA-IG attributions (cached per prompt): the masked mean over
/// positions of each candidate (Ours, paper-method §4.3: left pads and BOS excluded) and, per SAE layer, the sum over
/// all positions of every feature (AP, §4.4). The paper's AP mean divides by the dataset-wide padded length, the
/// same for every prompt, so sums rank exactly as the paper's means. The sums are cached sparsely (<see cref="SparseLayerRowsConverter"/>).
/// </summary>
public sealed record PromptAttribution(long JailbreakId, float[] Candidates,
    [property: System.Text.Json.Serialization.JsonConverter(typeof(SparseLayerRowsConverter))] IReadOnlyDictionary<int, float[]> ApSums)
{
    /// <summary>
    /// Row <paramref name="b"/> of a batch result. <paramref name="skipAfterFirstReal"/> = number of leading real tokens
    /// left out of the candidates' mean (1 = the BOS of Gemma's template).
    /// </summary>
    public static PromptAttribution FromBatch(LaIgResult result, long[,] attentionMask, int b, IReadOnlyList<FeatureRef> candidates,
        int skipAfterFirstReal = 1)
    {
        var t = attentionMask.GetLength(1);
        var first = Enumerable.Range(0, t).FirstOrDefault(i => attentionMask[b, i] != 0, t);
        var start = Math.Min(t, first + skipAfterFirstReal);
        using var scope = NewDisposeScope();
        var scores = new float[candidates.Count];
        var byLayer = new Dictionary<int, float[]>();
        foreach (var (layer, attr) in result.Attrs)
        {
            var row = attr.select(0, b);                                                                    // [T, S]
            byLayer[layer] = HostRead.Floats(row.sum(dim: 0));                                  // [S]
            var kept = start < t ? HostRead.Floats(row.slice(0, start, t, 1).mean([0])) : new float[row.shape[1]];
            for (var c = 0; c < candidates.Count; c++)
                if (candidates[c].Layer == layer) scores[c] = kept[candidates[c].Index];
        }
        return new PromptAttribution(result.JailbreakIds[b], scores, byLayer);
    }
}
