namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>
/// A Hugging Face tokenizer.json run the way the Rust `tokenizers` library runs it: added tokens split out of the raw
/// text first, then per remaining segment normalizer → pre-tokenizer → BPE model, then the post-processor's specials.
/// </summary>
public sealed class HfTokenizer : ITextTokenizer
{
    private readonly AddedTokenSplitter _splitter;
    private readonly Func<string, string> _normalize;
    private readonly Func<List<string>, bool, List<string>> _preTokenize;
    private readonly Func<List<string>, List<string>> _decode;
    private readonly BpeModel _model;
    private readonly PostProcessor _post;
    private readonly string?[] _idToToken;
    private readonly HashSet<int> _specialIds;
    private readonly Dictionary<string, int> _addedByContent;

    internal HfTokenizer(string description, BpeModel model, IReadOnlyList<AddedToken> added,
        Func<string, string> normalize, Func<List<string>, bool, List<string>> preTokenize,
        Func<List<string>, List<string>> decode, PostProcessor post, SpecialTokenIds specials)
    {
        (Description, _model, _normalize, _preTokenize, _decode, _post) = (description, model, normalize, preTokenize, decode, post);
        _splitter = new AddedTokenSplitter(added);
        _addedByContent = added.GroupBy(a => a.Content).ToDictionary(g => g.Key, g => g.First().Id);
        _specialIds = added.Where(a => a.Special).Select(a => a.Id).ToHashSet();
        VocabSize = Math.Max(model.Vocab.Count == 0 ? 0 : model.Vocab.Values.Max() + 1, added.Count == 0 ? 0 : added.Max(a => a.Id) + 1);
        _idToToken = new string?[VocabSize];
        foreach (var (token, id) in model.Vocab) _idToToken[id] = token;
        foreach (var a in added) _idToToken[a.Id] = a.Content;
        (BosId, EosId, PadId) = (specials.Bos, specials.Eos, specials.Pad ?? specials.Eos ?? 0);
    }

    public string Description { get; }
    public int VocabSize { get; }
    public int? BosId { get; }
    public int? EosId { get; }
    public int PadId { get; }

    public int[] Encode(string text, bool addSpecialTokens)
    {
        var ids = new List<int>(text.Length / 3 + 4);
        if (addSpecialTokens) ids.AddRange(_post.Prefix);
        foreach (var segment in _splitter.Split(text))
        {
            if (segment.Id is int addedId) { ids.Add(addedId); continue; }
            foreach (var word in _preTokenize([_normalize(segment.Text)], segment.IsFirst))
                _model.EncodeWord(word, ids);
        }
        if (addSpecialTokens) ids.AddRange(_post.Suffix);
        return ids.ToArray();
    }

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false)
    {
        var tokens = new List<string>();
        foreach (var id in ids)
        {
            if (skipSpecialTokens && _specialIds.Contains(id)) continue;
            tokens.Add(IdToToken(id) ?? throw new ArgumentOutOfRangeException(nameof(ids), $"{Description}: no token has id {id}."));
        }
        return string.Concat(_decode(tokens));
    }

    public int? TokenToId(string token) =>
        _addedByContent.TryGetValue(token, out var a) ? a : _model.Vocab.TryGetValue(token, out var id) ? id : null;

    public string? IdToToken(int id) => id >= 0 && id < _idToToken.Length ? _idToToken[id] : null;
}
