namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>
/// Splits raw text on added tokens, leftmost-longest, as Hugging Face tokenizers' AddedVocabulary does: at the first
/// position where any added token starts, the longest one wins; text between matches goes on to the model.
/// </summary>
internal sealed class AddedTokenSplitter
{
    /// <summary>A piece of text, either an added token (<see cref="Id"/> set) or plain text for the model.</summary>
    internal readonly record struct Segment(string Text, int? Id, bool IsFirst);

    private readonly Dictionary<char, AddedToken[]> _byFirstChar;

    public AddedTokenSplitter(IEnumerable<AddedToken> tokens) =>
        _byFirstChar = tokens.Where(t => t.Content.Length > 0)
            .GroupBy(t => t.Content[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.Content.Length).ThenBy(t => t.Id).ToArray());

    public List<Segment> Split(string text)
    {
        var segments = new List<Segment>();
        var plainStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var match = Match(text, i);
            if (match is null) { i++; continue; }
            int start = i, end = i + match.Content.Length;
            // lstrip/rstrip tokens swallow the whitespace beside them.
            if (match.LStrip) while (start > plainStart && char.IsWhiteSpace(text[start - 1])) start--;
            if (match.RStrip) while (end < text.Length && char.IsWhiteSpace(text[end])) end++;
            if (start > plainStart) segments.Add(new Segment(text[plainStart..start], null, plainStart == 0));
            segments.Add(new Segment(match.Content, match.Id, start == 0));
            plainStart = i = end;
        }
        if (plainStart < text.Length) segments.Add(new Segment(text[plainStart..], null, plainStart == 0));
        return segments;
    }

    private AddedToken? Match(string text, int at)
    {
        if (!_byFirstChar.TryGetValue(text[at], out var candidates)) return null;
        foreach (var t in candidates)
            if (string.CompareOrdinal(text, at, t.Content, 0, t.Content.Length) == 0 && at + t.Content.Length <= text.Length)
                return t;
        return null;
    }
}
