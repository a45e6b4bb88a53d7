using System.Text;

namespace RefusalSae.Experiments.Data;

/// <summary>Prompt comparison that ignores case, punctuation and whitespace, so near-copies across datasets count as one prompt.</summary>
public static class PromptText
{
    /// <summary>
    /// Lower-cased (invariant), Unicode-normalised (NFKC, so curly and straight quotes and full-width forms agree),
    /// punctuation and symbols removed, whitespace runs collapsed to one space, trimmed.
    /// </summary>
    public static string Normalise(string text)
    {
        var s = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(s.Length);
        var pendingSpace = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { pendingSpace = sb.Length > 0; continue; }
            if (char.IsPunctuation(c) || char.IsSymbol(c)) continue;
            if (pendingSpace) { sb.Append(' '); pendingSpace = false; }
            sb.Append(c);
        }
        return sb.ToString();
    }
}
