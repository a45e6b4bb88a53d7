using System.Text.RegularExpressions;
using RefusalSae.Core.Tokenization.HuggingFace;
using RefusalSae.Core.Tokenization.MlNet;

namespace RefusalSae.Core.Tokenization.Training;

/// <summary>
/// Trains a byte-level BPE (the toy model's tokenizer) deterministically: texts are split by the Llama-3 pattern,
/// each piece's UTF-8 bytes start as single symbols, and the most frequent adjacent pair (ties: smallest pair of
/// ids) is merged until the vocabulary is full. Pair counts are updated only for the words a merge touches, and
/// the best pair comes from a lazily invalidated heap, so ~5 MB of text trains in seconds on one core.
/// </summary>
public static class ByteLevelBpeTrainer
{
    public static TrainedBpe Train(IEnumerable<string> texts, BpeTrainerOptions options)
    {
        var firstByteId = options.SpecialTokens.Count;
        if (options.VocabSize < firstByteId + 256) throw new ArgumentException($"vocab size {options.VocabSize} is below {firstByteId} specials + 256 bytes.", nameof(options));

        var (words, freqs) = CountWords(texts, options.SpecialTokens, firstByteId);
        var pairCounts = new Dictionary<long, long>(PairKeyComparer.Instance);
        var pairWords = new Dictionary<long, HashSet<int>>(PairKeyComparer.Instance);
        for (var w = 0; w < words.Count; w++) AddPairs(words[w], freqs[w], w, pairCounts, pairWords, null);
        var heap = new PriorityQueue<long, (long NegCount, long Pair)>();
        foreach (var (pair, count) in pairCounts) heap.Enqueue(pair, (-count, pair));

        var tokens = new List<string>(options.SpecialTokens);
        for (var b = 0; b < 256; b++) tokens.Add(ByteLevelMap.Char((byte)b).ToString());
        var idOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var id = firstByteId; id < tokens.Count; id++) idOf[tokens[id]] = id;
        var merges = new List<(int Left, int Right)>();
        var changed = new HashSet<long>(PairKeyComparer.Instance);
        while (tokens.Count < options.VocabSize && heap.TryDequeue(out var best, out var key))
        {
            // Entries go stale when counts change; the current count is in pairCounts.
            if (!pairCounts.TryGetValue(best, out var count) || count != -key.NegCount) continue;
            if (count < options.MinFrequency) break;
            int left = (int)(best >> 32), right = (int)(uint)best;
            // Two merges can spell the same bytes ("ab"+"c", "a"+"bc"): they share one id, as in HF's trainer.
            var spelling = tokens[left] + tokens[right];
            if (!idOf.TryGetValue(spelling, out var newId)) { idOf[spelling] = newId = tokens.Count; tokens.Add(spelling); }
            merges.Add((left, right));
            changed.Clear();
            foreach (var w in pairWords[best].Order().ToList())
            {
                var merged = Merge(words[w], left, right, newId);
                if (merged.Length == words[w].Length) continue;
                RemovePairs(words[w], freqs[w], pairCounts, changed);
                words[w] = merged;
                AddPairs(merged, freqs[w], w, pairCounts, pairWords, changed);
            }
            pairWords.Remove(best);
            foreach (var p in changed) if (pairCounts.TryGetValue(p, out var c) && c > 0) heap.Enqueue(p, (-c, p));
        }
        return new TrainedBpe(options.SpecialTokens, tokens, merges);
    }

    private static (List<int[]> Words, List<long> Freqs) CountWords(IEnumerable<string> texts, IReadOnlyList<string> specials, int firstByteId)
    {
        var splitter = new AddedTokenSplitter(specials.Select((s, i) => new AddedToken(i, s, true, false, false)));
        var regex = new Regex(Llama3Tiktoken.Pattern, RegexOptions.CultureInvariant);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = new List<int[]>();
        var freqs = new List<long>();
        foreach (var text in texts)
            foreach (var segment in splitter.Split(text))
            {
                if (segment.Id is not null) continue;
                foreach (var piece in SplitIsolated(regex, segment.Text))
                {
                    if (index.TryGetValue(piece, out var w)) { freqs[w]++; continue; }
                    index[piece] = words.Count;
                    words.Add(System.Text.Encoding.UTF8.GetBytes(piece).Select(b => firstByteId + b).ToArray());
                    freqs.Add(1);
                }
            }
        return (words, freqs);
    }

    /// <summary>The same split as the saved pre_tokenizer's Split(Isolated): matches and the gaps between them.</summary>
    internal static IEnumerable<string> SplitIsolated(Regex regex, string text)
    {
        var at = 0;
        foreach (Match m in regex.Matches(text))
        {
            if (m.Length == 0) continue;
            if (m.Index > at) yield return text[at..m.Index];
            yield return m.Value;
            at = m.Index + m.Length;
        }
        if (at < text.Length) yield return text[at..];
    }

    private static int[] Merge(int[] word, int left, int right, int newId)
    {
        var output = new List<int>(word.Length);
        for (var i = 0; i < word.Length; i++)
        {
            if (i + 1 < word.Length && word[i] == left && word[i + 1] == right) { output.Add(newId); i++; }
            else output.Add(word[i]);
        }
        return output.Count == word.Length ? word : output.ToArray();
    }

    private static void AddPairs(int[] word, long freq, int w, Dictionary<long, long> counts, Dictionary<long, HashSet<int>> words, HashSet<long>? changed)
    {
        for (var i = 0; i + 1 < word.Length; i++)
        {
            var p = BpeModel.PairKey(word[i], word[i + 1]);
            counts[p] = counts.GetValueOrDefault(p) + freq;
            if (!words.TryGetValue(p, out var set)) words[p] = set = [];
            set.Add(w);
            changed?.Add(p);
        }
    }

    private static void RemovePairs(int[] word, long freq, Dictionary<long, long> counts, HashSet<long> changed)
    {
        for (var i = 0; i + 1 < word.Length; i++)
        {
            var p = BpeModel.PairKey(word[i], word[i + 1]);
            counts[p] -= freq;
            changed.Add(p);
        }
    }
}
