using System.Text.RegularExpressions;

namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>
/// tokenizer.json "pre_tokenizer" → splits a normalized segment into words (Split, ByteLevel, Metaspace, Sequence).
/// The bool argument says whether the segment starts the text (Metaspace's prepend_scheme "first").
/// </summary>
internal static class PreTokenizers
{
    /// <summary>GPT-2's pattern, used by ByteLevel with use_regex=true.</summary>
    private const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static Func<List<string>, bool, List<string>> Build(JsonConfig? config)
    {
        if (config is not { } c) return (words, _) => words;
        switch (c.Type)
        {
            case "Sequence":
                var parts = c.Items("pretokenizers").Select(p => Build(p)).ToArray();
                return (words, first) => parts.Aggregate(words, (acc, f) => f(acc, first));
            case "Split":
                var (pattern, isRegex) = c.Pattern();
                var regex = new Regex(isRegex ? pattern : Regex.Escape(pattern), RegexOptions.CultureInvariant);
                var behavior = c.String("behavior");
                if (behavior is not ("Isolated" or "Removed") || c.Bool("invert", false))
                    throw c.Error($"Split behavior '{behavior}' (invert={c.Bool("invert", false)}) is not supported; Isolated and Removed are");
                return (words, _) => words.SelectMany(w => Split(regex, w, keepMatches: behavior == "Isolated")).ToList();
            case "ByteLevel":
                bool prefix = c.Bool("add_prefix_space", true), useRegex = c.Bool("use_regex", true);
                var gpt2 = new Regex(Gpt2Pattern, RegexOptions.CultureInvariant);
                return (words, first) => words
                    .Select((w, i) => prefix && i == 0 && !w.StartsWith(' ') ? " " + w : w)
                    .SelectMany(w => useRegex ? Split(gpt2, w, keepMatches: true) : [w])
                    .Select(ByteLevelMap.Encode).ToList();
            case "Metaspace":
                return Metaspace(c);
            default:
                throw c.Unsupported();
        }
    }

    private static Func<List<string>, bool, List<string>> Metaspace(JsonConfig c)
    {
        var replacement = c.String("replacement");
        var scheme = c.OptionalString("prepend_scheme") ?? (c.Bool("add_prefix_space", true) ? "always" : "never");
        var split = c.Bool("split", true);
        return (words, first) => words.SelectMany(w =>
        {
            var s = w.Replace(" ", replacement, StringComparison.Ordinal);
            if ((scheme == "always" || scheme == "first" && first) && !s.StartsWith(replacement, StringComparison.Ordinal))
                s = replacement + s;
            return split ? SplitBefore(s, replacement) : [s];
        }).ToList();
    }

    /// <summary>Regex matches and the gaps between them, in order; matches dropped when !keepMatches.</summary>
    private static IEnumerable<string> Split(Regex regex, string text, bool keepMatches)
    {
        var at = 0;
        foreach (Match m in regex.Matches(text))
        {
            if (m.Length == 0) continue;
            if (m.Index > at) yield return text[at..m.Index];
            if (keepMatches) yield return m.Value;
            at = m.Index + m.Length;
        }
        if (at < text.Length) yield return text[at..];
    }

    /// <summary>Splits so that each occurrence of <paramref name="marker"/> starts a new word (MergedWithNext).</summary>
    private static IEnumerable<string> SplitBefore(string s, string marker)
    {
        var start = 0;
        for (var i = 1; i < s.Length; i++)
            if (string.CompareOrdinal(s, i, marker, 0, marker.Length) == 0) { yield return s[start..i]; start = i; }
        if (start < s.Length) yield return s[start..];
    }
}
