using RefusalSae.Core.Hooks;
using RefusalSae.Core.Models;
using RefusalSae.Experiments.Toy.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Toy.Saes;

/// <summary>
/// resid_post activations at every layer for the real (non-pad) tokens of a set of sequences: the SAE training data.
/// Read through the model's hook points, exactly where the SAEs are later applied.
/// </summary>
public static class ResidualActivations
{
    /// <returns>One (N, D) float32 tensor per layer, N = real tokens over all sequences.</returns>
    public static Tensor[] Collect(CausalLM model, IReadOnlyList<TrainingSequence> sequences, int maxLength, int padId, int batchSize)
    {
        var layers = model.Config.NumHiddenLayers;
        var parts = Enumerable.Range(0, layers).Select(_ => new List<Tensor>()).ToArray();
        using var noGrad = torch.no_grad();
        foreach (var chunk in sequences.Chunk(batchSize))
        {
            using var scope = torch.NewDisposeScope();
            var (ids, mask, _) = LmBatch.Collate(chunk, maxLength, padId);                  // (B, T)
            var real = mask.reshape(-1).to_type(ScalarType.Bool);                           // (B·T)
            var hooks = Enumerable.Range(0, layers).Select(l => model.Hooks.Read(HookName.ResidPost(l), x =>
                parts[l].Add(x.reshape(-1, x.shape[^1])[real].to_type(ScalarType.Float32)   // (N_b, D)
                    .clone().MoveToOuterDisposeScope().DetachFromDisposeScope()))).ToList();
            try { model.Forward(ids, mask); }
            finally { foreach (var h in hooks) h.Dispose(); }
        }
        return parts.Select(p =>
        {
            var all = torch.cat(p, 0);                                                       // (N, D)
            foreach (var t in p) t.Dispose();
            return all;
        }).ToArray();
    }
}
