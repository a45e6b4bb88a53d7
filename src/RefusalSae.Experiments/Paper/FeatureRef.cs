namespace RefusalSae.Experiments.Paper;

/// <summary>One SAE feature: the layer whose SAE holds it and its index in that SAE (the paper's (l, i) pairs).</summary>
public readonly record struct FeatureRef(int Layer, long Index)
{
    public override string ToString() => $"L{Layer}/{Index}";
}

/// <summary>Groups feature lists by layer, the shape the interventions need.</summary>
public static class FeatureRefs
{
    public static IReadOnlyDictionary<int, long[]> ByLayer(IEnumerable<FeatureRef> features) =>
        features.GroupBy(f => f.Layer).ToDictionary(g => g.Key, g => g.Select(f => f.Index).Distinct().ToArray());
}
