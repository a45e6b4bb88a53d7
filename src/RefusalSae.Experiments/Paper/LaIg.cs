using RefusalSae.Core.Hooks;
using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// LA-IG (paper-method §4.2): the refusal direction ablated at every layer gives the patched features f^P; the clean
/// run gives f^C; every SAE layer is interpolated at once, h_l ← (1−α) h_l + α a^P_l, for α = k/steps; the metric is
/// Σ_b logit(j_b) − logit(refusal) at the last position, j_b = argmax of the ablated run. Because the SAE decoder is
/// affine, ∂m/∂f_α = (∂m/∂out_l) W_decᵀ exactly, so gradients are taken in model space (memory grows with d_model)
/// and projected once after averaging over α. <see cref="LaIgOptions.PerLayer"/> interpolates one layer at a time instead
/// (L× the backward passes), so a layer's attribution no longer carries the (1−α) factors of the layers after it.
/// </summary>
// B batch, T padded length, D d_model, S SAE width
public static class LaIg
{
    public static LaIgResult Attribute(ICausalLM model, IReadOnlyDictionary<int, ISae> saes, Tensor inputIds, Tensor attentionMask,
        Tensor direction, long refusalId, LaIgOptions? options = null)
    {
        options ??= new LaIgOptions();
        if (options.Steps < 1) throw new ArgumentException($"LA-IG needs at least one step, got {options.Steps}.");
        if (direction.shape.Length != 1 || direction.shape[0] != model.Config.HiddenSize)
            throw new ArgumentException($"the direction must be [{model.Config.HiddenSize}], got [{string.Join(",", direction.shape)}].");
        using var scope = NewDisposeScope();
        using var bag = new TensorBag();
        var layers = saes.Keys.Order().ToArray();
        var unit = Interventions.UnitVector(direction, model);                                           // [D]

        // Pass 1: ablation at every layer (no grad); endpoints a^P and features f^P of the ablated stream.
        var endpoint = new Dictionary<int, Tensor>();
        var fP = new Dictionary<int, Tensor>();
        Tensor patchedLogits;
        using (no_grad())
        using (Hooks(model, Enumerable.Range(0, model.Config.NumHiddenLayers), l => a =>
               {
                   var ablated = a - (a.matmul(unit)).unsqueeze(-1) * unit;                              // [B, T, D]
                   if (saes.TryGetValue(l, out var sae))
                   {
                       fP[l] = bag.Keep(sae.Encode(ablated).to_type(ScalarType.Float32));                         // [B, T, S]
                       endpoint[l] = bag.Keep((options.AblatedResidualEndpoint ? ablated : a).detach().clone());  // [B, T, D]
                   }
                   return ablated;
               }))
            patchedLogits = model.Forward(inputIds, attentionMask);                                      // [B, T, V]
        var jailbreak = patchedLogits.select(1, -1).argmax(-1);                                        // [B]

        // Pass 2: clean features.
        var fC = new Dictionary<int, Tensor>();
        using (no_grad())
        using (Hooks(model, layers, l => h => { fC[l] = bag.Keep(saes[l].Encode(h).to_type(ScalarType.Float32)); return h; }))
            model.Forward(inputIds, attentionMask);

        // Pass 3: all layers interpolated at once (the paper) or one at a time, the others clean (options.PerLayer);
        // z_l (zeros) marks the hook output so ∂m/∂out_l = ∂m/∂z_l.
        var gradSum = layers.ToDictionary(l => l, l => zeros_like(endpoint[l]));
        foreach (var group in options.PerLayer ? layers.Select(l => new[] { l }) : [layers])
            for (var k = 0; k < options.Steps; k++)
                AccumulateStep(model, group, (double)k / options.Steps, endpoint, jailbreak, refusalId, inputIds, attentionMask, gradSum);

        var modelGrads = new Dictionary<int, Tensor>();
        var featureGrads = new Dictionary<int, Tensor>();
        var delta = new Dictionary<int, Tensor>();
        var attrs = new Dictionary<int, Tensor>();
        foreach (var l in layers)
        {
            modelGrads[l] = (gradSum[l] / options.Steps).to_type(ScalarType.Float32);                   // [B, T, D]
            featureGrads[l] = SaeGradients.ToFeatures(saes[l], modelGrads[l]).to_type(ScalarType.Float32);  // [B, T, S]
            delta[l] = fP[l] - fC[l];                                                                   // [B, T, S]
            attrs[l] = delta[l] * featureGrads[l];                                                      // [B, T, S]
        }
        var result = new LaIgResult
        {
            Attrs = Detach(attrs), Grads = Detach(featureGrads), Delta = Detach(delta), ModelSpaceGrads = Detach(modelGrads),
            JailbreakIds = HostRead.Longs(jailbreak),
        };
        return result;
    }

    /// <summary>One Riemann step: <paramref name="interpolated"/> layers at α, the gradient of the metric added to their sums.</summary>
    private static void AccumulateStep(ICausalLM model, int[] interpolated, double alpha, Dictionary<int, Tensor> endpoint, Tensor jailbreak,
        long refusalId, Tensor inputIds, Tensor attentionMask, Dictionary<int, Tensor> gradSum)
    {
        using var stepScope = NewDisposeScope();
        var marks = interpolated.ToDictionary(l => l, l => zeros_like(endpoint[l]).requires_grad_(true));   // [B, T, D]
        Tensor logits;
        using (Hooks(model, interpolated, l => h => (1 - alpha) * h + alpha * endpoint[l] + marks[l]))
            logits = model.Forward(inputIds, attentionMask);                                            // [B, T, V]
        var last = logits.select(1, -1);                                                               // [B, V]
        var metric = (last.gather(1, jailbreak.unsqueeze(1)).squeeze(1) - last.select(1, refusalId)).sum();
        var grads = autograd.grad([metric], interpolated.Select(l => marks[l]).ToList(), allow_unused: true);
        for (var i = 0; i < interpolated.Length; i++)
            if (grads[i] is { } g && !g.IsInvalid) gradSum[interpolated[i]].add_(g.detach());
    }

    private static Dictionary<int, Tensor> Detach(Dictionary<int, Tensor> d) =>
        d.ToDictionary(p => p.Key, p => p.Value.detach().cpu().MoveToOuterDisposeScope());

    /// <summary>Replace hooks on resid_post of <paramref name="layers"/>, removed together when disposed.</summary>
    internal static IDisposable Hooks(ICausalLM model, IEnumerable<int> layers, Func<int, Func<Tensor, Tensor>> hookOf) =>
        new HookSet(layers.Select(l => model.Hooks.Replace(HookName.ResidPost(l), hookOf(l))).ToList());

    private sealed class HookSet(List<IDisposable> hooks) : IDisposable
    {
        public void Dispose()
        {
            foreach (var h in hooks) h.Dispose();
        }
    }
}
