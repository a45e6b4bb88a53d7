namespace RefusalSae.Core.Saes;

/// <summary>
/// How a Llama Scope JumpReLU threshold meets the dataset-norm factor s = sqrt(d_model) / dataset_average_activation_norm.in
/// once s is folded into the weights (formats.md §4.4; ../shared/fixtures/tiny-llamascope has a golden for each).
/// </summary>
public enum LlamaScopeThreshold
{
    /// <summary>
    /// sae_lens 5.5.2, the version the paper ran: threshold = jump_relu_threshold, NOT rescaled. This is the default
    /// because the paper's features (and every number downstream of them) were computed this way.
    /// </summary>
    Paper552,

    /// <summary>sae_lens ≥ 5.10.3 (PR #483, "fix abnormally large llamascope L0"): threshold = jump_relu_threshold · s.</summary>
    Corrected,

    /// <summary>
    /// OpenMOSS lm_saes inference (sparsity_include_decoder_norm): features are h = (x·encᵀ + b/s)·‖decoder column‖,
    /// kept where h &gt; threshold, i.e. in a different scale from the SAELens conventions; output leaves through the
    /// "out" norm factor. Verified against the fixture's lm_saes_native golden.
    /// </summary>
    LmSaesNative,
}
