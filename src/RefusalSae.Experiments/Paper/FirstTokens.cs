using RefusalSae.Core.Models;
using RefusalSae.Core.Tensors;
using RefusalSae.Core.Tokenization;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// The greedy first response token of each prompt (argmax of the last-position logits), which the paper's filter
/// compares with the refusal token "I" (paper-method §0 step 2, §2).
/// </summary>
public static class FirstTokens
{
    public static long[] Greedy(ICausalLM model, IReadOnlyList<int[]> prompts, int padId, int batchSize)
    {
        var result = new List<long>(prompts.Count);
        foreach (var chunk in prompts.Chunk(Math.Max(1, batchSize)))
        {
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            var (ids, mask) = BatchEncoding.LeftPad(chunk, padId).ToTensors(model.Device);
            var logits = model.Forward(ids, mask);                                   // [B, T, V]
            result.AddRange(HostRead.Longs(logits.select(1, -1).argmax(-1)));
        }
        return result.ToArray();
    }

    /// <summary>
    /// Indices of the prompts to keep: harmful ones whose first token is <paramref name="refusalId"/>, harmless ones
    /// whose first token is not.
    /// </summary>
    public static int[] Keep(IReadOnlyList<long> firstTokens, long refusalId, bool harmful) =>
        Enumerable.Range(0, firstTokens.Count).Where(i => (firstTokens[i] == refusalId) == harmful).ToArray();
}
