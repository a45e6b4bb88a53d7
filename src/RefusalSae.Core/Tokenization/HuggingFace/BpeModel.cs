namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>
/// The BPE model of Hugging Face tokenizers (tokenizers/src/models/bpe), re-implemented because
/// Microsoft.ML.Tokenizers' BpeTokenizer has no byte fallback: a word starts as one symbol per character (or its
/// UTF-8 bytes as "&lt;0xXX&gt;" pieces when the character is not in the vocabulary), then the adjacent pair with the
/// lowest merge rank is merged, leftmost first among equal ranks, until no pair has a merge.
/// </summary>
internal sealed class BpeModel
{
    private readonly Dictionary<string, int> _vocab;
    private readonly Dictionary<long, (int Rank, int NewId)> _merges;
    private readonly int? _unkId;
    private readonly bool _byteFallback, _fuseUnk, _ignoreMerges;
    private readonly int[] _byteIds = new int[256];
    private readonly int[] _charIds = new int[char.MaxValue + 1];

    public BpeModel(Dictionary<string, int> vocab, Dictionary<long, (int Rank, int NewId)> merges, int? unkId,
        bool byteFallback, bool fuseUnk, bool ignoreMerges)
    {
        (_vocab, _merges, _unkId, _byteFallback, _fuseUnk, _ignoreMerges) = (vocab, merges, unkId, byteFallback, fuseUnk, ignoreMerges);
        for (var b = 0; b < 256; b++) _byteIds[b] = vocab.TryGetValue($"<0x{b:X2}>", out var id) ? id : -1;
        // Single BMP characters are looked up in a table: no substring, no string hashing per character.
        Array.Fill(_charIds, -1);
        foreach (var (token, id) in vocab)
            if (token.Length == 1 && !char.IsSurrogate(token[0])) _charIds[token[0]] = id;
    }

    public IReadOnlyDictionary<string, int> Vocab => _vocab;

    public static long PairKey(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>Appends the ids of one pre-tokenized word to <paramref name="output"/>.</summary>
    public void EncodeWord(string word, List<int> output)
    {
        if (word.Length == 0) return;
        if (_ignoreMerges && _vocab.TryGetValue(word, out var whole)) { output.Add(whole); return; }
        var symbols = InitialSymbols(word);
        MergeAll(symbols);
        foreach (var s in symbols) if (s.Id >= 0) output.Add(s.Id);
    }

    private struct Symbol
    {
        public int Id, Prev, Next;
        public bool Removed;
    }

    private List<Symbol> InitialSymbols(string word)
    {
        var ids = new List<int>(word.Length);
        var lastWasUnk = false;
        for (var i = 0; i < word.Length;)
        {
            var n = char.IsHighSurrogate(word[i]) && i + 1 < word.Length && char.IsLowSurrogate(word[i + 1]) ? 2 : 1;
            if (n == 1 && _charIds[word[i]] >= 0) { ids.Add(_charIds[word[i++]]); lastWasUnk = false; continue; }
            var piece = word.Substring(i, n);
            i += n;
            if (_vocab.TryGetValue(piece, out var id)) { ids.Add(id); lastWasUnk = false; continue; }
            if (_byteFallback && TryBytes(piece, ids)) { lastWasUnk = false; continue; }
            if (_unkId is not int unk)
                throw new InvalidDataException($"BPE: '{piece}' is not in the vocabulary and the tokenizer has no unk_token or byte fallback.");
            if (!(_fuseUnk && lastWasUnk)) ids.Add(unk);
            lastWasUnk = true;
        }
        var symbols = new List<Symbol>(ids.Count);
        for (var k = 0; k < ids.Count; k++)
            symbols.Add(new Symbol { Id = ids[k], Prev = k - 1, Next = k + 1 < ids.Count ? k + 1 : -1 });
        return symbols;
    }

    private bool TryBytes(string piece, List<int> ids)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(piece);
        if (bytes.Any(b => _byteIds[b] < 0)) return false;
        foreach (var b in bytes) ids.Add(_byteIds[b]);
        return true;
    }

    private void MergeAll(List<Symbol> s)
    {
        var queue = new PriorityQueue<(int Pos, int NewId), (int Rank, int Pos)>();
        for (var i = 0; i + 1 < s.Count; i++) Enqueue(queue, s, i, i + 1);
        while (queue.TryDequeue(out var top, out _))
        {
            var cur = s[top.Pos];
            if (cur.Removed || cur.Next < 0) continue;
            var right = s[cur.Next];
            // A stale entry: one side has been merged into something else since it was queued.
            if (!_merges.TryGetValue(PairKey(cur.Id, right.Id), out var m) || m.NewId != top.NewId) continue;
            cur.Id = top.NewId;
            var rightPos = cur.Next;
            cur.Next = right.Next;
            s[top.Pos] = cur;
            s[rightPos] = right with { Removed = true };
            if (right.Next >= 0) { var after = s[right.Next]; after.Prev = top.Pos; s[right.Next] = after; }
            if (cur.Prev >= 0) Enqueue(queue, s, cur.Prev, top.Pos);
            if (cur.Next >= 0) Enqueue(queue, s, top.Pos, cur.Next);
        }
        s.RemoveAll(x => x.Removed);
    }

    private void Enqueue(PriorityQueue<(int, int), (int, int)> queue, List<Symbol> s, int left, int right)
    {
        if (_merges.TryGetValue(PairKey(s[left].Id, s[right].Id), out var m)) queue.Enqueue((left, m.NewId), (m.Rank, left));
    }
}
