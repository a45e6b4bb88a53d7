namespace RefusalSae.Core.Saes;

/// <summary>On-disk SAE layouts the loader understands.</summary>
public enum SaeFormat
{
    /// <summary>Gemma Scope params.npz (W_enc, b_enc, W_dec, b_dec, threshold), or the folder holding it.</summary>
    GemmaScope,

    /// <summary>SAELens folder: cfg.json + sae_weights.safetensors.</summary>
    SaeLens,

    /// <summary>Llama Scope folder: hyperparams.json + checkpoints/final.safetensors.</summary>
    LlamaScope,
}
