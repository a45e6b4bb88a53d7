using Microsoft.ML.Tokenizers;

namespace RefusalSae.Core.Tokenization.MlNet;

/// <summary>
/// A SentencePiece BPE tokenizer.model (Llama-2, the HarmBench classifier) through Microsoft.ML.Tokenizers'
/// LlamaTokenizer: dummy-prefix "▁", byte fallback; add_special_tokens prepends &lt;s&gt; as HF's LlamaTokenizer does.
/// &lt;unk&gt;, &lt;s&gt;, &lt;/s&gt; in text are matched atomically, as in Hugging Face (the sentencepiece library
/// itself would spell them out). PAD is &lt;pad&gt; if the vocabulary has one, else EOS (Llama-2 has none).
/// </summary>
public sealed class SentencePieceModel : ITextTokenizer
{
    private readonly LlamaTokenizer _inner;
    private readonly string?[] _idToToken;

    private SentencePieceModel(string path, LlamaTokenizer inner)
    {
        _inner = inner;
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
        return new SentencePieceModel(path, LlamaTokenizer.Create(stream, addBeginOfSentence: false, addEndOfSentence: false, specials));
    }

    private static readonly string[] GemmaControlPieces = ["<pad>", "<mask>", "<start_of_turn>", "<end_of_turn>"];

    public string Description { get; }
    public int VocabSize { get; }
    public int? BosId => _inner.BeginningOfSentenceId;
    public int? EosId => _inner.EndOfSentenceId;
    public int PadId => _inner.Vocabulary.TryGetValue("<pad>", out var pad) ? pad : _inner.EndOfSentenceId;

    public int[] Encode(string text, bool addSpecialTokens) =>
        [.. _inner.EncodeToIds(text, addBeginningOfSentence: addSpecialTokens, addEndOfSentence: false)];

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false) =>
        _inner.Decode(ids, considerSpecialTokens: !skipSpecialTokens);

    public int? TokenToId(string token) => _inner.Vocabulary.TryGetValue(token, out var id) ? id : null;

    public string? IdToToken(int id) => id >= 0 && id < VocabSize ? _idToToken[id] : null;
}
