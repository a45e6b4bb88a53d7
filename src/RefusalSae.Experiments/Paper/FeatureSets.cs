namespace RefusalSae.Experiments.Paper;

/// <summary>
/// The §4.1 feature sets of size K* (paper-method §4.3, §4.4) from per-prompt attributions: local (one list per prompt)
/// and global (top K* of the mean over prompts).
/// </summary>
public static class FeatureSets
{
    /// <summary>Ours: LA-IG restricted to the cosine candidates, local top K* per prompt.</summary>
    public static IReadOnlyList<IReadOnlyList<FeatureRef>> OursLocal(IReadOnlyList<FeatureRef> candidates, IReadOnlyList<PromptAttribution> prompts, int k) =>
        prompts.Select(p => TopK.Select(candidates.Select((c, j) => (c, p.Candidates[j])), k)).ToList();

    /// <summary>Ours, global: top K* of the prompt-mean candidate scores.</summary>
    public static IReadOnlyList<FeatureRef> OursGlobal(IReadOnlyList<FeatureRef> candidates, IReadOnlyList<PromptAttribution> prompts, int k) =>
        TopK.Select(candidates.Select((c, j) => (c, (float)prompts.Average(p => p.Candidates[j]))), k);

    /// <summary>AP: LA-IG over every feature of every layer, local top K* per prompt.</summary>
    public static IReadOnlyList<IReadOnlyList<FeatureRef>> ApLocal(IReadOnlyList<PromptAttribution> prompts, int k) =>
        prompts.Select(p => TopK.Select(All(p.ApSums), k)).ToList();

    /// <summary>AP, global: top K* of the prompt-mean over every feature.</summary>
    public static IReadOnlyList<FeatureRef> ApGlobal(IReadOnlyList<PromptAttribution> prompts, int k)
    {
        var mean = prompts[0].ApSums.ToDictionary(p => p.Key, p => new float[p.Value.Length]);
        foreach (var p in prompts)
            foreach (var (l, sums) in p.ApSums)
                for (var i = 0; i < sums.Length; i++) mean[l][i] += sums[i] / prompts.Count;
        return TopK.Select(All(mean), k);
    }

    /// <summary>
    /// Spec §9 #1, the paper's AP local lists: per layer, a list appended only for prompts whose top K* holds that
    /// layer, then read back by prompt index — prompt b is clamped with the b-th list present at each layer, i.e.
    /// often another prompt's features, and with none where a layer's list is shorter than b.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<FeatureRef>> ApLocalMisindexed(IReadOnlyList<IReadOnlyList<FeatureRef>> correct)
    {
        var perLayer = correct.SelectMany(r => r).Select(f => f.Layer).Distinct()
            .ToDictionary(l => l, l => correct.Where(r => r.Any(f => f.Layer == l)).Select(r => r.Where(f => f.Layer == l).ToList()).ToList());
        return Enumerable.Range(0, correct.Count)
            .Select(b => (IReadOnlyList<FeatureRef>)perLayer.OrderBy(p => p.Key).SelectMany(p => b < p.Value.Count ? p.Value[b] : []).ToList())
            .ToList();
    }

    /// <summary>ActDiff: top K* of mean_harmful − mean_harmless of each prompt's per-layer max feature activation.</summary>
    public static IReadOnlyList<FeatureRef> ActDiff(IReadOnlyList<IReadOnlyDictionary<int, float[]>> harmfulMax,
        IReadOnlyList<IReadOnlyDictionary<int, float[]>> harmlessMax, int k)
    {
        var diff = harmfulMax[0].ToDictionary(p => p.Key, p => new float[p.Value.Length]);
        foreach (var (set, sign) in new[] { (harmfulMax, 1f), (harmlessMax, -1f) })
            foreach (var p in set)
                foreach (var (l, v) in p)
                    for (var i = 0; i < v.Length; i++) diff[l][i] += sign * v[i] / set.Count;
        return TopK.Select(All(diff), k);
    }

    /// <summary>
    /// The random control: as many features per layer as <paramref name="like"/> holds, drawn uniformly (seeded)
    /// among that layer's other features, so it matches the intervention's size and layer profile.
    /// </summary>
    public static IReadOnlyList<FeatureRef> Random(IReadOnlyList<FeatureRef> like, IReadOnlyDictionary<int, long> widths, int seed)
    {
        var rng = new System.Random(seed);
        var result = new List<FeatureRef>();
        foreach (var g in like.GroupBy(f => f.Layer).OrderBy(g => g.Key))
        {
            var taken = g.Select(f => f.Index).ToHashSet();
            var width = widths[g.Key];
            if (width - taken.Count < g.Count()) throw new ArgumentException($"layer {g.Key} has too few features ({width}) for a disjoint random set.");
            var drawn = new HashSet<long>();
            while (drawn.Count < g.Count())
            {
                var i = rng.NextInt64(width);
                if (!taken.Contains(i)) drawn.Add(i);
            }
            result.AddRange(drawn.Order().Select(i => new FeatureRef(g.Key, i)));
        }
        return result;
    }

    private static IEnumerable<(FeatureRef, float)> All(IReadOnlyDictionary<int, float[]> byLayer) =>
        byLayer.OrderBy(p => p.Key).SelectMany(p => p.Value.Select((v, i) => (new FeatureRef(p.Key, i), v)));
}
