using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tokenization;

/// <summary>
/// Token id sequences left-padded into one batch, as the paper encodes (padding_side='left'): row b holds
/// `pad … pad ids`, the mask is 0 on pads and 1 on real tokens.
/// </summary>
public sealed class BatchEncoding
{
    private BatchEncoding(long[,] inputIds, long[,] attentionMask) => (InputIds, AttentionMask) = (inputIds, attentionMask);

    /// <summary>[B, T] token ids, pads first.</summary>
    public long[,] InputIds { get; }

    /// <summary>[B, T] 1 for real tokens, 0 for pads.</summary>
    public long[,] AttentionMask { get; }

    public int BatchSize => InputIds.GetLength(0);
    public int Length => InputIds.GetLength(1);

    /// <summary>
    /// Left-pads to the longest sequence, or to <paramref name="length"/> when given (the paper pads a whole dataset
    /// to its longest prompt, then slices mini-batches).
    /// </summary>
    public static BatchEncoding LeftPad(IReadOnlyList<int[]> sequences, int padId, int? length = null)
    {
        var longest = sequences.Count == 0 ? 0 : sequences.Max(s => s.Length);
        var t = length ?? longest;
        if (t < longest) throw new ArgumentException($"padding length {t} is shorter than the longest sequence ({longest} tokens).", nameof(length));
        var ids = new long[sequences.Count, t];
        var mask = new long[sequences.Count, t];
        for (var b = 0; b < sequences.Count; b++)
        {
            var s = sequences[b];
            var offset = t - s.Length;
            for (var j = 0; j < offset; j++) ids[b, j] = padId;
            for (var j = 0; j < s.Length; j++) { ids[b, offset + j] = s[j]; mask[b, offset + j] = 1; }
        }
        return new BatchEncoding(ids, mask);
    }

    /// <summary>Encodes then left-pads: the usual way to build model input from prompts.</summary>
    public static BatchEncoding Encode(ITextTokenizer tokenizer, IEnumerable<string> texts, bool addSpecialTokens, int? length = null) =>
        LeftPad(texts.Select(t => tokenizer.Encode(t, addSpecialTokens)).ToList(), tokenizer.PadId, length);

    /// <summary>
    /// Hugging Face's position ids for left padding: cumsum(mask) - 1, pads set to 1 (formats.md §0.12), so the first
    /// real token is at position 0 whatever the padding.
    /// </summary>
    public long[,] PositionIds()
    {
        var pos = new long[BatchSize, Length];
        for (var b = 0; b < BatchSize; b++)
        {
            long sum = 0;
            for (var j = 0; j < Length; j++)
            {
                sum += AttentionMask[b, j];
                pos[b, j] = AttentionMask[b, j] == 0 ? 1 : sum - 1;
            }
        }
        return pos;
    }

    /// <summary>The real tokens of row <paramref name="b"/> (pads removed).</summary>
    public long[] Row(int b) =>
        Enumerable.Range(0, Length).Where(j => AttentionMask[b, j] == 1).Select(j => InputIds[b, j]).ToArray();

    /// <summary>input_ids and attention_mask as I64 [B, T] tensors on <paramref name="device"/> (CPU by default).</summary>
    public (Tensor InputIds, Tensor AttentionMask) ToTensors(Device? device = null)
    {
        var ids = torch.tensor(InputIds, dtype: ScalarType.Int64, device: device);         // [B, T]
        var mask = torch.tensor(AttentionMask, dtype: ScalarType.Int64, device: device);   // [B, T]
        return (ids, mask);
    }
}
