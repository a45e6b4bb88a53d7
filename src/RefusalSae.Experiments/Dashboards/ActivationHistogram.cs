namespace RefusalSae.Experiments.Dashboards;

/// <summary>
/// Counts of each text's maximum activation of one feature in equal-width bins over [0, <see cref="Upper"/>], one row of
/// counts per group (evaluation harmful prompts, harmless prompts), so the two are drawn on the same axis.
/// </summary>
public sealed record ActivationHistogram(double Upper, IReadOnlyList<string> Groups, IReadOnlyList<IReadOnlyList<int>> Counts)
{
    /// <param name="values">Per group, the per-text maxima.</param>
    public static ActivationHistogram Of(IReadOnlyList<(string Group, IReadOnlyList<float> Values)> values, int bins)
    {
        if (bins < 1) throw new ArgumentOutOfRangeException(nameof(bins), "a histogram needs at least one bin");
        var upper = values.SelectMany(v => v.Values).DefaultIfEmpty(0f).Max();
        if (upper <= 0) upper = 1;   // a feature that never fires: every text in the first bin, a readable axis
        var counts = values.Select(v =>
        {
            var row = new int[bins];
            foreach (var x in v.Values) row[Math.Clamp((int)(Math.Max(0, x) / upper * bins), 0, bins - 1)]++;
            return (IReadOnlyList<int>)row;
        }).ToList();
        return new ActivationHistogram(upper, values.Select(v => v.Group).ToList(), counts);
    }

    /// <summary>The centre of bin <paramref name="i"/>.</summary>
    public double Centre(int i) => (i + 0.5) * Upper / Counts[0].Count;
}
