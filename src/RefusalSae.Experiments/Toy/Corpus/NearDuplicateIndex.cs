namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// Finds reference prompts whose word set (of the normalised text) has Jaccard similarity ≥ a threshold with a query,
/// exactly, with prefix filtering (Chaudhuri et al. 2006; Bayardo et al. 2007): under one global word order (rarest
/// first), two sets with J ≥ t share a word among the first |x| − ⌈t|x|⌉ + 1 of each, so only those are indexed and probed.
/// </summary>
public sealed class NearDuplicateIndex
{
    private readonly double _threshold;
    private readonly Dictionary<string, int> _df = new(StringComparer.Ordinal);
    private readonly List<(string Text, HashSet<string> Words)> _refs = [];
    private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);

    public NearDuplicateIndex(IEnumerable<string> normalisedReferences, double threshold)
    {
        if (threshold is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "Jaccard threshold must be in (0, 1]");
        _threshold = threshold;
        foreach (var text in normalisedReferences.Distinct(StringComparer.Ordinal))
        {
            var words = Words(text);
            if (words.Count == 0) continue;
            _refs.Add((text, words));
            foreach (var w in words) _df[w] = _df.GetValueOrDefault(w) + 1;
        }
        for (var id = 0; id < _refs.Count; id++)
            foreach (var w in Prefix(_refs[id].Words))
                (_postings.TryGetValue(w, out var list) ? list : _postings[w] = []).Add(id);
    }

    /// <summary>The most similar reference with J ≥ threshold, or null.</summary>
    public (string Reference, double Jaccard)? Match(string normalisedQuery)
    {
        var words = Words(normalisedQuery);
        if (words.Count == 0) return null;
        (string, double)? best = null;
        var seen = new HashSet<int>();
        foreach (var w in Prefix(words))
        {
            if (!_postings.TryGetValue(w, out var ids)) continue;
            foreach (var id in ids)
            {
                if (!seen.Add(id)) continue;
                var j = Jaccard(words, _refs[id].Words);
                if (j >= _threshold && (best is null || j > best.Value.Item2)) best = (_refs[id].Text, j);
            }
        }
        return best;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        var shared = a.Count(b.Contains);
        return (double)shared / (a.Count + b.Count - shared);
    }

    public static HashSet<string> Words(string normalised) =>
        new(normalised.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);

    private IEnumerable<string> Prefix(HashSet<string> words)
    {
        var length = words.Count - (int)Math.Ceiling(_threshold * words.Count - 1e-9) + 1;
        return words.OrderBy(w => _df.GetValueOrDefault(w)).ThenBy(w => w, StringComparer.Ordinal).Take(length);
    }
}
