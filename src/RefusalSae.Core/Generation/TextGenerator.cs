using RefusalSae.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Generation;

/// <summary>
/// Batched generation from left-padded prompts, as HF generate / the paper's custom_generate: prefill with the
/// attention mask, then one token per step through the KV cache (the mask grows by a 1 per step, positions continue
/// from cumsum(mask) - 1). Hooks installed on the model apply at every step.
/// </summary>
public static class TextGenerator
{
    /// <param name="inputIds">(B, T) int64, left-padded.</param>
    /// <param name="attentionMask">(B, T) int64, 0 on pads.</param>
    /// <returns>(B, T + MaxNewTokens) int64 on the CPU: prompts, then generated tokens, pad-filled after a stop.</returns>
    public static Tensor Generate(ICausalLM model, Tensor inputIds, Tensor attentionMask, GenerationOptions options)
    {
        if (options.MaxNewTokens < 0) throw new ArgumentOutOfRangeException(nameof(options), "MaxNewTokens must be ≥ 0.");
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var device = model.Device;
        var prompt = inputIds.to(ScalarType.Int64, device);
        var mask = attentionMask.to(ScalarType.Int64, device);
        var b = prompt.shape[0];
        var sampler = options.Sampling is { } s ? new Sampler(s) : null;
        using var cache = options.UseKvCache ? model.NewCache() : null;

        var generated = new List<Tensor>();                                            // each (B, 1)
        var finished = torch.zeros(b, ScalarType.Bool, device);                          // (B)
        var last = NextLogits(model, prompt, mask, cache, generated);                   // (B, V) f32
        for (var step = 0; step < options.MaxNewTokens; step++)
        {
            using var stepScope = torch.NewDisposeScope();
            var next = sampler?.Choose(last) ?? last.argmax(-1);                         // (B)
            next = torch.where(finished, torch.tensor(options.PadId, device: device), next);
            foreach (var stop in options.StopIds) finished = finished | (next == stop);
            generated.Add(next.unsqueeze(1).MoveToOuterDisposeScope());
            finished.MoveToOuterDisposeScope();
            if (step == options.MaxNewTokens - 1 || finished.all().item<bool>()) break;
            var grown = torch.cat([mask, torch.ones(b, 1, ScalarType.Int64, device)], 1).MoveToOuterDisposeScope();
            if (step > 0) mask.Dispose();                                              // ours; the first is the caller's copy
            mask = grown;
            last.Dispose();
            last = NextLogits(model, prompt, mask, cache, generated).MoveToOuterDisposeScope();
        }
        while (generated.Count < options.MaxNewTokens)
            generated.Add(torch.full(b, 1, options.PadId, ScalarType.Int64, device));
        return torch.cat([prompt, .. generated], 1).cpu().MoveToOuterDisposeScope();
    }

    private static Tensor NextLogits(ICausalLM model, Tensor prompt, Tensor mask, Models.Layers.KvCache? cache, List<Tensor> generated)
    {
        using var scope = torch.NewDisposeScope();
        var logits = cache is null
            ? model.Forward(torch.cat([prompt, .. generated], 1), mask, lastPositionOnly: true)          // full recompute
            : model.Forward(generated.Count == 0 ? prompt : generated[^1], mask, cache, lastPositionOnly: true);
        return logits[.., -1, ..].to_type(ScalarType.Float32).MoveToOuterDisposeScope(); // (B, 1, V) → (B, V)
    }
}
