namespace RefusalSae.Experiments.Dashboards;

/// <summary>
/// The texts where a feature fires most, each cut to a window around its strongest token: ranked by that maximum,
/// ties by text order (deterministic), texts where it never fires left out, identical windows shown once.
/// </summary>
public static class TopContexts
{
    /// <param name="tokens">Per text, its tokens as display strings.</param>
    /// <param name="activations">Per text, the feature's activation on each token (same length as its tokens).</param>
    /// <param name="sources">Per text, where it comes from.</param>
    public static IReadOnlyList<ActivationContext> Select(IReadOnlyList<IReadOnlyList<string>> tokens, IReadOnlyList<float[]> activations,
        IReadOnlyList<string> sources, IEnumerable<int> candidates, int count, int before, int after)
    {
        var ranked = candidates
            .Select(i => (Text: i, Peak: ArgMax(activations[i])))
            .Where(t => t.Peak >= 0 && activations[t.Text][t.Peak] > 0)
            .OrderByDescending(t => activations[t.Text][t.Peak]).ThenBy(t => t.Text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<ActivationContext>();
        foreach (var (text, peak) in ranked)
        {
            if (result.Count == count) break;
            var start = Math.Max(0, peak - before);
            var end = Math.Min(tokens[text].Count, peak + after + 1);
            var window = tokens[text].Skip(start).Take(end - start).ToList();
            if (!seen.Add(string.Join("\u0001", window))) continue;
            result.Add(new ActivationContext(sources[text], window, activations[text][start..end], peak - start));
        }
        return result;
    }

    private static int ArgMax(float[] values)
    {
        var best = -1;
        for (var i = 0; i < values.Length; i++)
            if (best < 0 || values[i] > values[best]) best = i;
        return best;
    }
}
