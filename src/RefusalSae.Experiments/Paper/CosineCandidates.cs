using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// Decoder-row cosines with the best-layer refusal direction V_R*: the per-layer pre-filter K of "Ours"
/// (paper-method §4.1) and the CosSim baseline, a global top K* over all (layer, feature) pairs (§4.4).
/// </summary>
public static class CosineCandidates
{
    /// <summary>cos(W_dec[l, i], v) for every feature of one SAE [S].</summary>
    public static Tensor Cosines(ISae sae, Tensor direction)
    {
        using var scope = NewDisposeScope();
        var w = nn.functional.normalize(sae.W_dec.to_type(ScalarType.Float32), dim: 1);                 // [S, D]
        var v = nn.functional.normalize(direction.to(ScalarType.Float32, w.device).reshape(1, -1), dim: 1);  // [1, D]
        return w.matmul(v.t()).squeeze(1).MoveToOuterDisposeScope();                                    // [S]
    }

    /// <summary>The K features of every layer with the largest signed cosine: layer-major, then by decreasing cosine.</summary>
    public static IReadOnlyList<FeatureRef> PerLayer(IReadOnlyDictionary<int, ISae> saes, Tensor direction, int k)
    {
        var result = new List<FeatureRef>();
        foreach (var (layer, sae) in saes.OrderBy(p => p.Key))
        {
            using var scope = NewDisposeScope();
            var top = Cosines(sae, direction).topk((int)Math.Min(k, sae.DSae)).indexes;                // [K]
            result.AddRange(HostRead.Longs(top).Select(i => new FeatureRef(layer, i)));
        }
        return result;
    }

    /// <summary>CosSim: the top <paramref name="k"/> cosines over all layers jointly, in decreasing order.</summary>
    public static IReadOnlyList<FeatureRef> Global(IReadOnlyDictionary<int, ISae> saes, Tensor direction, int k)
    {
        var scored = new List<(FeatureRef Feature, float Cos)>();
        foreach (var (layer, sae) in saes.OrderBy(p => p.Key))
        {
            using var scope = NewDisposeScope();
            var cos = HostRead.Floats(Cosines(sae, direction));
            scored.AddRange(cos.Select((c, i) => (new FeatureRef(layer, i), c)));
        }
        return TopK.Select(scored, k);
    }
}

/// <summary>Top-k selection over scored features; ties keep the earlier (layer-major) feature, as a stable sort does.</summary>
public static class TopK
{
    public static IReadOnlyList<FeatureRef> Select(IEnumerable<(FeatureRef Feature, float Score)> scored, int k) =>
        scored.Select((s, order) => (s.Feature, s.Score, order))
              .OrderByDescending(s => s.Score).ThenBy(s => s.order)
              .Take(k).Select(s => s.Feature).ToList();
}
