using RefusalSae.Core.Hooks;
using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// Per prompt and SAE layer, the max feature activation over positions (the ActDiff baseline, paper-method §4.4).
/// Documented deviation (spec §9 #14): left pads are excluded (their activations depend on how a framework treats
/// fully masked attention rows); BOS is included as in the paper.
/// </summary>
public static class ActivationMax
{
    public static IReadOnlyList<IReadOnlyDictionary<int, float[]>> PerPrompt(ICausalLM model, IReadOnlyDictionary<int, ISae> saes,
        Tensor inputIds, Tensor attentionMask)
    {
        using var scope = NewDisposeScope();
        using var bag = new TensorBag();
        var maxes = new Dictionary<int, Tensor>();
        var keep = attentionMask.to(ScalarType.Float32, model.Device).unsqueeze(-1);                        // [B, T, 1]
        using (no_grad())
        using (LaIg.Hooks(model, saes.Keys, l => h =>
               {
                   var f = saes[l].Encode(h).to_type(ScalarType.Float32);                            // [B, T, S]
                   maxes[l] = bag.Keep((f * keep + (keep - 1) * 1e30f).amax([1]));                              // [B, S]
                   return h;
               }))
            model.Forward(inputIds, attentionMask);
        var b = (int)inputIds.shape[0];
        return Enumerable.Range(0, b)
            .Select(i => (IReadOnlyDictionary<int, float[]>)maxes.ToDictionary(p => p.Key, p => HostRead.Floats(p.Value[i])))
            .ToList();
    }
}
