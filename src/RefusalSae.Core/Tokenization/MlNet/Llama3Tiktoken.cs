using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;
using RefusalSae.Core.Tokenization.HuggingFace;

namespace RefusalSae.Core.Tokenization.MlNet;

/// <summary>
/// Llama-3.x's tiktoken-format tokenizer.model (128000 "base64 rank" lines) through Microsoft.ML.Tokenizers'
/// TiktokenTokenizer, with Meta's pre-tokenizer regex (not cl100k's) and the 256 special tokens the file lacks.
/// add_special_tokens prepends &lt;|begin_of_text|&gt;, as the Llama-3 tokenizer.json post-processor does.
/// EOS is &lt;|eot_id|&gt; (the Instruct models' end of turn); PAD is EOS, TransformerLens's rule when there is none.
/// </summary>
public sealed class Llama3Tiktoken : ITextTokenizer
{
    /// <summary>meta-llama tokenizer.py pat_str (formats.md §2.5).</summary>
    public const string Pattern =
        @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    public const int FirstSpecialId = 128000;
    private readonly TiktokenTokenizer _inner;
    private readonly Dictionary<string, int> _specials;
    private readonly string[] _idToToken;
    private readonly Dictionary<string, int> _tokenToId;

    private Llama3Tiktoken(string path, TiktokenTokenizer inner, Dictionary<string, int> specials, byte[][] ranks)
    {
        (_inner, _specials) = (inner, specials);
        VocabSize = FirstSpecialId + specials.Count;
        _idToToken = new string[VocabSize];
        // Spell byte tokens the way Llama-3's tokenizer.json does (GPT-2 byte-level characters).
        for (var id = 0; id < ranks.Length; id++) _idToToken[id] = string.Concat(ranks[id].Select(ByteLevelMap.Char));
        foreach (var (name, id) in specials) _idToToken[id] = name;
        _tokenToId = new Dictionary<string, int>(VocabSize, StringComparer.Ordinal);
        for (var id = 0; id < VocabSize; id++) if (_idToToken[id] is { } t) _tokenToId[t] = id;
        Description = $"{path} (tiktoken BPE, {ranks.Length} ranks + {specials.Count} special tokens)";
    }

    public static Llama3Tiktoken Load(string path)
    {
        var specials = SpecialTokens();
        using var stream = File.OpenRead(path);
        TiktokenTokenizer inner;
        try { inner = TiktokenTokenizer.Create(stream, new RegexPreTokenizer(new Regex(Pattern, RegexOptions.Compiled), specials), null, specials); }
        catch (Exception e) when (e is FormatException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: not a tiktoken BPE file (\"base64 rank\" lines): {e.Message}", e);
        }
        return new Llama3Tiktoken(path, inner, specials, ReadRanks(path));
    }

    /// <summary>Rank i's bytes; every rank 0..127999 must appear exactly once (rank = id).</summary>
    private static byte[][] ReadRanks(string path)
    {
        var ranks = new byte[FirstSpecialId][];
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (line.Length == 0) continue;
            var space = line.IndexOf(' ');
            if (space < 0 || !int.TryParse(line.AsSpan(space + 1), out var rank) || rank is < 0 or >= FirstSpecialId)
                throw new InvalidDataException($"{path}:{lineNo}: expected \"base64 rank\" with rank < {FirstSpecialId}.");
            ranks[rank] = Convert.FromBase64String(line[..space]);
        }
        var missing = Array.FindIndex(ranks, r => r is null);
        if (missing >= 0) throw new InvalidDataException($"{path}: rank {missing} is missing; a Llama-3 tokenizer has ranks 0..{FirstSpecialId - 1}.");
        return ranks;
    }

    /// <summary>Llama-3.1's names for ids 128000..128255.</summary>
    public static Dictionary<string, int> SpecialTokens()
    {
        string[] named = ["<|begin_of_text|>", "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>",
            "<|finetune_right_pad_id|>", "<|reserved_special_token_2|>", "<|start_header_id|>", "<|end_header_id|>",
            "<|eom_id|>", "<|eot_id|>", "<|python_tag|>"];
        var specials = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 256; i++)
            specials[i < named.Length ? named[i] : $"<|reserved_special_token_{i - named.Length + 3}|>"] = FirstSpecialId + i;
        return specials;
    }

    public string Description { get; }
    public int VocabSize { get; }
    public int? BosId => 128000;
    public int? EosId => 128009;
    public int PadId => 128009;

    public int[] Encode(string text, bool addSpecialTokens)
    {
        var ids = _inner.EncodeToIds(text);
        return addSpecialTokens ? [FirstSpecialId, .. ids] : [.. ids];
    }

    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = false) =>
        _inner.Decode(skipSpecialTokens ? ids.Where(i => i < FirstSpecialId) : ids);

    public int? TokenToId(string token) => _tokenToId.TryGetValue(token, out var id) ? id : null;

    public string? IdToToken(int id) => id >= 0 && id < VocabSize ? _idToToken[id] : null;
}
