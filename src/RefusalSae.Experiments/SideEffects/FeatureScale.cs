using RefusalSae.Core.Hooks;
using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using RefusalSae.Experiments.Paper;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.SideEffects;

/// <summary>
/// How strongly selected features fire without intervention: each feature's maximum activation over the real tokens
/// of a batch. Refusal induction sets features to constants, which only mean something relative to this scale
/// (the paper's Gemma range 10–30 is for Gemma Scope's activations; a toy SAE has its own).
/// </summary>
// B batch, T positions, K selected features of one layer
public static class FeatureScale
{
    public static IReadOnlyDictionary<FeatureRef, double> MaxActivations(ICausalLM model, IReadOnlyDictionary<int, ISae> saes,
        IReadOnlyCollection<FeatureRef> features, Tensor inputIds, Tensor attentionMask)
    {
        var byLayer = FeatureRefs.ByLayer(features);
        var result = new Dictionary<FeatureRef, double>();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var real = attentionMask.to(ScalarType.Bool, model.Device).unsqueeze(-1);                // [B, T, 1]
        var hooks = byLayer.Keys.Select(l => model.Hooks.Read(HookName.ResidPost(l), h =>
        {
            var f = saes[l].EncodeSelected(h, byLayer[l]).to_type(ScalarType.Float32);           // [B, T, K]
            var max = f.masked_fill(real.logical_not(), float.NegativeInfinity).amax([0, 1]);    // [K]
            var values = HostRead.Floats(max);
            for (var k = 0; k < values.Length; k++) result[new FeatureRef(l, byLayer[l][k])] = values[k];
        })).ToList();
        try { model.Forward(inputIds.to(model.Device), attentionMask.to(model.Device)); }
        finally { hooks.ForEach(h => h.Dispose()); }
        return result;
    }
}
