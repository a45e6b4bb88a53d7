using RefusalSae.Core.Hooks;
using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Experiments.Toy.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Toy.Saes;

/// <summary>
/// Next-token cross-entropy on response tokens, clean or with one layer's resid_post replaced by its SAE
/// reconstruction (the "CE loss increase" of SAE evaluations: how much of the model's function the SAE keeps).
/// </summary>
public static class SplicedLoss
{
    public static double CrossEntropy(CausalLM model, IReadOnlyList<TrainingSequence> sequences, int maxLength, int padId,
        int batchSize, ISae? splice = null)
    {
        using var noGrad = torch.no_grad();
        using var hook = splice is null ? null
            : model.Hooks.Replace(HookName.ResidPost(splice.Layer), x => splice.Decode(splice.Encode(x)).to_type(x.dtype));
        double total = 0;
        long count = 0;
        foreach (var chunk in sequences.Chunk(batchSize))
        {
            using var scope = torch.NewDisposeScope();
            var (ids, mask, targets) = LmBatch.Collate(chunk, maxLength, padId);            // (B, T)
            var logits = model.Forward(ids, mask).to_type(ScalarType.Float32);               // (B, T, V)
            var loss = nn.functional.cross_entropy(logits.view(-1, logits.shape[^1]), targets.view(-1),
                ignore_index: LmBatch.Ignore, reduction: nn.Reduction.Sum);
            total += loss.item<float>();
            count += (targets != LmBatch.Ignore).sum().item<long>();
        }
        return total / Math.Max(1, count);
    }
}
