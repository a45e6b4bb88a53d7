using RefusalSae.Core.Models;
using RefusalSae.Core.Tokenization;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// The refusal direction of paper-method §3.1: v_l = mean over harmful prompts of the last-token resid_post at layer l
/// minus the same mean over harmless prompts, for every layer, unnormalised.
/// </summary>
public static class RefusalDirection
{
    /// <summary>Per-layer directions [L, D] from chat-encoded prompts (token ids, no padding).</summary>
    public static Tensor DiffInMeans(ICausalLM model, IReadOnlyList<int[]> harmful, IReadOnlyList<int[]> harmless, int padId, int batchSize)
    {
        if (harmful.Count == 0 || harmless.Count == 0)
            throw new ArgumentException($"the refusal direction needs prompts on both sides (harmful {harmful.Count}, harmless {harmless.Count}).");
        using var scope = NewDisposeScope();
        var diff = LastTokenMean(model, harmful, padId, batchSize) - LastTokenMean(model, harmless, padId, batchSize);  // [L, D]
        return diff.MoveToOuterDisposeScope();
    }

    /// <summary>Mean of the last-token resid_post over prompts [L, D]; the result does not depend on the batch size.</summary>
    public static Tensor LastTokenMean(ICausalLM model, IReadOnlyList<int[]> prompts, int padId, int batchSize)
    {
        using var scope = NewDisposeScope();
        Tensor? sum = null;
        foreach (var chunk in prompts.Chunk(Math.Max(1, batchSize)))
        {
            var (ids, mask) = BatchEncoding.LeftPad(chunk, padId).ToTensors(model.Device);
            var last = ResidualReads.LastToken(model, ids, mask).to_type(ScalarType.Float32).sum(dim: 1);   // [L, D]
            sum = sum is null ? last : sum + last;
        }
        return (sum! / prompts.Count).MoveToOuterDisposeScope();                                    // [L, D]
    }
}
