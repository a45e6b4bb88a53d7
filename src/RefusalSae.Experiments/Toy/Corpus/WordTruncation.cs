namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>Cuts text after its first N whitespace-separated words, keeping the original spacing and line breaks before the cut.</summary>
public static class WordTruncation
{
    public static string Truncate(string text, int maxWords)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWords, 1);
        var words = 0;
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            if (i == text.Length) break;
            while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
            if (++words == maxWords) return text[..i];
        }
        return text.TrimEnd();
    }
}
