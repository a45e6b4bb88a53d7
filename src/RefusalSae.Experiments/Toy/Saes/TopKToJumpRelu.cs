using RefusalSae.Core.Saes;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Toy.Saes;

/// <summary>
/// A TopK SAE as a JumpReLU SAE with the same weights and one threshold for every latent: the pre-activation value that
/// on average k latents per token exceed on the training activations. Llama Scope's release was made the same way
/// (TopK-trained, "converting topk activation to jumprelu for inference"); Gemma Scope's thresholds are per latent,
/// ours are equal. L0 then varies per token around k instead of being exactly k.
/// </summary>
public static class TopKToJumpRelu
{
    /// <summary>Tokens whose pre-activations set the threshold (the first ones; enough for a stable quantile).</summary>
    public const int MaxTokens = 8192;

    /// <param name="activations">Training activations [N, D].</param>
    public static JumpReluSae Convert(TopKSae sae, Tensor activations)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = activations.narrow(0, 0, Math.Min(MaxTokens, activations.shape[0]));    // [n, D]
        var pre = sae.PreActivations(x).flatten();                                    // [n·S]
        var kept = Math.Min(pre.shape[0], x.shape[0] * sae.K);
        var threshold = Math.Max(0f, pre.topk((int)kept).values.min().cpu().item<float>());
        var w = sae.Weights;
        var converted = new JumpReluSae(w["W_enc"].clone(), w["b_enc"].clone(), w["W_dec"].clone(), w["b_dec"].clone(),
            full(sae.DSae, threshold, dtype: w["W_enc"].dtype), sae.HookName, sae.ApplyBDecToInput);
        foreach (var t in converted.Weights.Values) t.MoveToOuterDisposeScope();
        return converted;
    }
}
