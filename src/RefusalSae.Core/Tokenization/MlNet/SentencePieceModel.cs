using Microsoft.ML.Tokenizers;

namespace RefusalSae.Core.Tokenization.MlNet;

/// <summary>
/// A SentencePiece BPE tokenizer.model (Llama-2, the HarmBench classifier) through Microsoft.ML.Tokenizers'
/// LlamaTokenizer: dummy-prefix "▁", byte fallback; add_special_tokens prepends &lt;s&gt; as HF's LlamaTokenizer does.
/// &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt; in text are matched atomically and every text segment between them is encoded on its
/// own, dummy prefix included, as Hugging Face's fast Llama tokenizer does in legacy mode (its added tokens split the
/// text before the Prepend("▁") normalizer runs on each piece): the HarmBench judge ran in vLLM with that tokenizer, and
/// a generation may contain these strings as text. (The sentencepiece library would spell them out; ML.NET alone would
/// match them but continue the next segment without the "▁".) PAD is &lt;pad&gt; if the vocabulary has one, else EOS
/// (Llama-2 has none).
/// </summary>
public sealed class SentencePieceModel : ITextTokenizer
{
    private readonly LlamaTokenizer _inner;
    private readonly string?[] _idToToken;
    private readonly IReadOnlyDictionary<string, int> _specials;

    private SentencePieceModel(string path, LlamaTokenizer inner, IReadOnlyDictionary<string, int> specials)
    {
        (_inner, _specials) = (inner, specials);
        VocabSize = inner.Vocabulary.Values.Max() + 1;
        _idToToken = new string?[VocabSize];
        foreach (var (token, id) in inner.Vocabulary) _idToToken[id] = token;
        Description = $"{path} (SentencePiece BPE, {VocabSize} pieces, byte_fallback={inner.ByteFallback}, dummy_prefix={inner.AddDummyPrefix})";
    }

    public static SentencePieceModel Load(string path)
    {
        using var probe = File.OpenRead(path);
        LlamaTokenizer probeTok;
        try { probeTok = LlamaTokenizer.Create(probe, addBeginOfSentence: false, addEndOfSentence: false); }
        catch (Exception e) when (e is not IOException)
        {
            throw new InvalidDataException($"{path}: not a SentencePiece BPE model that Microsoft.ML.Tokenizers can read: {e.Message}", e);
        }
        // ML.NET's BPE does not match user-defined pieces atomically; Gemma's turn markers must be passed as specials
        // (formats.md §5). Unverified for Gemma's tokenizer.model (not in the fixtures): prefer its tokenizer.json.
        var specials = new[] { probeTok.UnknownToken, probeTok.BeginningOfSentenceToken, probeTok.EndOfSentenceToken }
            .Concat(GemmaControlPieces)
            .Where(t => !string.IsNullOrEmpty(t) && probeTok.Vocabulary.ContainsKey(t)).Distinct()
            .ToDictionary(t => t, t => probeTok.Vocabulary[t]);
        using var stream = File.OpenRead(path);
        return new SentencePieceModel(path, LlamaTokenizer.Create(stream, addBeginOfSentence: false, addEndOfSentence: false, specials), specials);
    }

    private static readonly string[] GemmaControlPieces = ["<pad>", "<mask>", "<start_of_turn>", "<end_of_turn>"];

    public string Description { get; }
    public int VocabSize { get; }
    public int? BosId => _inner.BeginningOfSentenceId;
    public int? EosId => _inner.EndOfSentenceId;
    public int PadId => _inner.Vocabulary.TryGetValue("<pad>", out var pad) ? pad : _inner.EndOfSentenceId;

    public int[] Encode(string text, bool addSpecialTokens)
    {
        var ids = new List<int>();
        if (addSpecialTokens && BosId is { } bos) ids.Add(bos);
        var start = 0;
        while (start <= text.Length)
        {
            var (at, special) = NextSpecial(text, start);
            var segment = text[start..at];
            if (segment.Length > 0) ids.AddRange(_inner.EncodeToIds(segment, addBeginningOfSentence: false, addEndOfSentence: false));
            if (special is null) break;
            ids.Add(_specials[special]);
            start = at + special.Length;
        }
        return [.. ids];
    }

    /// <summary>The leftmost special string at or after <paramref name="from"/> (the longest on a tie), or the end of the text.</summary>
    private (int At, string? Special) NextSpecial(string text, int from)
    {
        var best = (At: text.Length, Special: (string?)null);
        foreach (var s in _specials.Keys)
        {
            var i = text.IndexOf(s, from, StringComparison.Ordinal);
            if (i >= 0 && (i < best.At || (i == best.At && s.Length > best.Special!.Length))) best = (i, s);
        }
        return best;
    }

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false) =>
        _inner.Decode(ids, considerSpecialTokens: !skipSpecialTokens);

    public int? TokenToId(string token) => _inner.Vocabulary.TryGetValue(token, out var id) ? id : null;

    public string? IdToToken(int id) => id >= 0 && id < VocabSize ? _idToToken[id] : null;
}
