using RefusalSae.Core.Hooks;
using RefusalSae.Core.Models;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper;

/// <summary>Reads of blocks.{L}.hook_resid_post used by the direction and the ActDiff baseline.</summary>
public static class ResidualReads
{
    /// <summary>
    /// resid_post of every layer at the last position [L, B, D]. Inputs are left-padded, so position T−1 is every
    /// row's final template token (paper-method §3.1).
    /// </summary>
    public static Tensor LastToken(ICausalLM model, Tensor inputIds, Tensor attentionMask)
    {
        var layers = model.Config.NumHiddenLayers;
        var reads = new Tensor[layers];
        using var scope = NewDisposeScope();
        using var bag = new TensorBag();
        var hooks = new List<IDisposable>();
        try
        {
            for (var l = 0; l < layers; l++)
            {
                var layer = l;
                hooks.Add(model.Hooks.Read(HookName.ResidPost(layer),
                    x => reads[layer] = bag.Keep(x.select(1, -1).detach().clone())));             // [B, D]
            }
            using (no_grad()) model.Forward(inputIds, attentionMask);
        }
        finally
        {
            foreach (var h in hooks) h.Dispose();
        }
        return stack(reads).MoveToOuterDisposeScope();                              // [L, B, D]
    }
}
