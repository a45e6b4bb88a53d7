using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using RefusalSae.Experiments.Paper;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Harm;

/// <summary>One prompt's last-token reads: resid_post of every layer (Dense[l] has D values) and the listed SAE features, in list order.</summary>
public sealed record LastTokenActivations(float[][] Dense, float[] Features)
{
    /// <summary>
    /// The paper's <c>get_feat_act</c> (paper-method §7.4): h_l[−1] and f_l[−1] at the last position of each left-padded
    /// row (the final template token), for a batch of chat-encoded prompts.
    /// </summary>
    public static IReadOnlyList<LastTokenActivations> Read(ICausalLM model, IReadOnlyDictionary<int, ISae> saes, Tensor inputIds, Tensor attentionMask,
        IReadOnlyList<FeatureRef> features)
    {
        foreach (var f in features.Where(f => !saes.ContainsKey(f.Layer)))
            throw new ArgumentException($"feature {f}: layer {f.Layer} has no SAE.");
        using var scope = NewDisposeScope();
        var last = ResidualReads.LastToken(model, inputIds, attentionMask);                                // [L, B, D]
        var b = (int)last.shape[1];
        var values = new float[b][];
        for (var i = 0; i < b; i++) values[i] = new float[features.Count];
        foreach (var g in features.Select((f, j) => (f, j)).GroupBy(p => p.f.Layer))
        {
            var acts = saes[g.Key].Encode(last[g.Key]).to_type(ScalarType.Float32).cpu();                  // [B, S]
            foreach (var (f, j) in g)
            {
                var column = HostRead.Floats(acts.select(1, f.Index));                                // [B]
                for (var i = 0; i < b; i++) values[i][j] = column[i];
            }
        }
        var dense = last.to_type(ScalarType.Float32).cpu();
        return Enumerable.Range(0, b).Select(i => new LastTokenActivations(
            Enumerable.Range(0, (int)dense.shape[0]).Select(l => HostRead.Floats(dense[l, i])).ToArray(), values[i])).ToList();
    }

    /// <summary>
    /// The random control of §7.4: <paramref name="count"/> (layer, feature) pairs drawn uniformly and independently
    /// (seeded) over the SAE layers and their widths, as the paper's <c>np.random.randint</c>; repeats are redrawn.
    /// </summary>
    public static IReadOnlyList<FeatureRef> RandomFeatures(int count, IReadOnlyDictionary<int, long> widths, int seed)
    {
        var rng = new Random(seed);
        var layers = widths.Keys.Order().ToArray();
        var drawn = new List<FeatureRef>();
        if (count > widths.Values.Sum()) throw new ArgumentException($"{count} random features requested from {widths.Values.Sum()}.");
        while (drawn.Count < count)
        {
            var l = layers[rng.Next(layers.Length)];
            var f = new FeatureRef(l, rng.NextInt64(widths[l]));
            if (!drawn.Contains(f)) drawn.Add(f);
        }
        return drawn;
    }
}
