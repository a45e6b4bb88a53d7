namespace RefusalSae.Engine.Config;

/// <summary>The closest known name by edit distance, for "unknown key 'stpes'; did you mean 'steps'?".</summary>
public static class DidYouMean
{
    public static string Suffix(string unknown, IEnumerable<string> known)
    {
        var best = known.Select(k => (k, d: Distance(unknown, k))).OrderBy(x => x.d).ThenBy(x => x.k, StringComparer.Ordinal).FirstOrDefault();
        return best.k is not null && best.d <= Math.Max(2, unknown.Length / 3) ? $"; did you mean '{best.k}'?" : "";
    }

    public static int Distance(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) prev[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
