using RefusalSae.Core.Hooks;
using RefusalSae.Core.Models.Layers;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models;

/// <summary>
/// A decoder-only language model as the rest of the port uses it: forward to logits, hook points
/// blocks.{L}.hook_resid_post on every layer, partial runs, and the KV cache that generation drives.
/// Inputs are left-padded: input_ids and attention_mask are int64 (B, T); positions are cumsum(mask) - 1, as HF.
/// </summary>
public interface ICausalLM : IDisposable
{
    ModelConfig Config { get; }
    ScalarType DType { get; }
    Device Device { get; }
    HookRegistry Hooks { get; }

    /// <summary>
    /// Logits (B, T, V) in the model dtype. With a <paramref name="cache"/>, <paramref name="inputIds"/> are the new
    /// tokens and <paramref name="attentionMask"/> covers cached + new positions (B, S); null = no padding.
    /// <paramref name="positionIds"/> (B, T) overrides the RoPE positions derived from the mask.
    /// <paramref name="lastPositionOnly"/> returns (B, 1, V) for the last position only (what generation needs).
    /// </summary>
    Tensor Forward(Tensor inputIds, Tensor? attentionMask = null, KvCache? cache = null, Tensor? positionIds = null,
        bool lastPositionOnly = false);

    /// <summary>Runs layers 0..<paramref name="layer"/> only (hooks included) and returns resid_post of that layer (B, T, D).</summary>
    Tensor RunToLayer(Tensor inputIds, Tensor? attentionMask, int layer);

    /// <summary>Final norm, unembedding and (Gemma-2) final softcap of a last-layer residual (B, T, D) → (B, T, V).</summary>
    Tensor Unembed(Tensor residPost);

    /// <summary>An empty KV cache for this model.</summary>
    KvCache NewCache();

    /// <summary>The trainable parameters (requires_grad), e.g. for an optimizer.</summary>
    IEnumerable<TorchSharp.Modules.Parameter> Parameters();
}
