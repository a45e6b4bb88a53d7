using System.Text;
using System.Text.RegularExpressions;

namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>tokenizer.json "normalizer" → a string function (Replace, Prepend, NFC/NFD/NFKC/NFKD, Lowercase, Strip, Sequence).</summary>
internal static class Normalizers
{
    public static Func<string, string> Build(JsonConfig? config)
    {
        if (config is not { } c) return s => s;
        switch (c.Type)
        {
            case "Sequence":
                var parts = c.Items("normalizers").Select(n => Build(n)).ToArray();
                return s => parts.Aggregate(s, (acc, f) => f(acc));
            case "Replace":
                return Replace(c);
            case "Prepend":
                var prefix = c.String("prepend");
                return s => s.Length == 0 ? s : prefix + s;
            case "NFC": return s => s.Normalize(NormalizationForm.FormC);
            case "NFD": return s => s.Normalize(NormalizationForm.FormD);
            case "NFKC": return s => s.Normalize(NormalizationForm.FormKC);
            case "NFKD": return s => s.Normalize(NormalizationForm.FormKD);
            case "Lowercase": return s => s.ToLowerInvariant();
            case "Strip":
                bool left = c.Bool("strip_left", true), right = c.Bool("strip_right", true);
                return s => left && right ? s.Trim() : left ? s.TrimStart() : right ? s.TrimEnd() : s;
            default:
                throw c.Unsupported();
        }
    }

    /// <summary>Replace (normalizer or decoder): a literal or regex pattern, every occurrence.</summary>
    public static Func<string, string> Replace(JsonConfig c)
    {
        var (pattern, isRegex) = c.Pattern();
        var content = c.String("content");
        if (!isRegex) return s => s.Replace(pattern, content, StringComparison.Ordinal);
        var regex = new Regex(pattern, RegexOptions.CultureInvariant);
        return s => regex.Replace(s, content.Replace("$", "$$", StringComparison.Ordinal));
    }
}
