namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>The <c>paper.eval</c> block, shared by the §4.1 stages.</summary>
public sealed record PaperEvalSettings
{
    /// <summary>First N prompts of each harmful evaluation set (the paper's N_test = 100).</summary>
    public required int PromptsPerSet { get; init; }
    /// <summary>Text whose first response token is the refusal token (the paper's "I").</summary>
    public required string RefusalToken { get; init; }
}

/// <summary>The <c>paper.filter</c> block.</summary>
public sealed record PaperFilterSettings
{
    public required int Harmful { get; init; }
    public required int Harmless { get; init; }
    public required int BatchSize { get; init; }
    /// <summary>first (the first N of each split) or paper_sample (the paper's random.sample indices).</summary>
    public required string Selection { get; init; }
}

/// <summary>The <c>paper.features</c> block (paper-method §3, §4).</summary>
public sealed record PaperFeaturesSettings
{
    public required int BestLayer { get; init; }
    public required int CandidatesPerLayer { get; init; }
    public required int KStar { get; init; }
    public required int IgSteps { get; init; }
    public required int BatchSize { get; init; }
    /// <summary>Spec §9 #12: false = the paper (un-ablated residual endpoint), true = fixed.</summary>
    public required bool AblatedResidualEndpoint { get; init; }
    public required int RandomSeed { get; init; }
    /// <summary>
    /// Leading real tokens left out of Ours' mean over positions and of the §4.3b clamp positions: the paper's
    /// num_bos_token (paper-method §4.3), 1 for Gemma (its BOS), 26 for Llama-3.1 (both BOS and the system preamble up
    /// to, not including, the system &lt;|eot_id|&gt;).
    /// </summary>
    public required int SkipLeadingTokens { get; init; }
    /// <summary>Leading real tokens left out of the §4.3 "last positions" feature values (get_feat_val: 1 Gemma, 27 Llama).</summary>
    public required int ValueSkipLeadingTokens { get; init; }
    /// <summary>Beyond the paper: LA-IG interpolates one layer at a time (<see cref="Experiments.Paper.LaIgOptions.PerLayer"/>).</summary>
    public required bool PerLayerIg { get; init; }
    /// <summary>
    /// Beyond the paper: also select the direction and feature sets on one half of each set (even positions) and let
    /// paper-jailbreak report the held-out half beside the in-sample numbers (<see cref="Split.SelectionHalves"/>).
    /// </summary>
    public required bool SelectionSplit { get; init; }

    public Experiments.Paper.LaIgOptions LaIg => new() { Steps = IgSteps, AblatedResidualEndpoint = AblatedResidualEndpoint, PerLayer = PerLayerIg };

    /// <summary>What the LA-IG item cache depends on besides the direction and the prompt.</summary>
    public string LaIgKey => $"{CandidatesPerLayer}\n{IgSteps}\n{AblatedResidualEndpoint}" + (PerLayerIg ? "\nper-layer" : "");
}

/// <summary>The <c>paper.jailbreak</c> block (paper-method §5, §6.4).</summary>
public sealed record PaperJailbreakSettings
{
    /// <summary>c: selected features are multiplied by this (−3 Gemma, −1 Llama).</summary>
    public required double Clamp { get; init; }
    /// <summary>Spec §9 #1: true = the paper's mis-indexed AP local lists, false = each prompt its own list.</summary>
    public required bool ApMisindexed { get; init; }
    public required int MaxNewTokens { get; init; }
    public required int BatchSize { get; init; }
    /// <summary>Print the paper's §6.4 numbers beside ours (only meaningful for the paper's models).</summary>
    public required string PaperModel { get; init; }
}

/// <summary>
/// The <c>paper.subject</c> block: which model and SAEs the paper stages study. The toy organism comes from the
/// stages named in <see cref="ModelStage"/> / <see cref="SaeStage"/>; a real model from <see cref="Model"/> (a local
/// Hugging Face snapshot folder or <c>hf:owner/repo[@revision]</c>) and <see cref="Saes"/> (one location per layer).
/// </summary>
public sealed record PaperSubjectSettings
{
    /// <summary>Upstream stage whose output folder holds model/ (the toy's train-model); empty for a real model.</summary>
    public required string ModelStage { get; init; }
    /// <summary>Upstream stage whose output folder holds saes/layer_{L} (the toy's train-sae); empty for real SAEs.</summary>
    public required string SaeStage { get; init; }
    public required string Model { get; init; }
    /// <summary>Per-layer SAE locations (index = layer), or one location with {layer} for every layer.</summary>
    public required IReadOnlyList<string> Saes { get; init; }
    public required string Dtype { get; init; }
    public required string Device { get; init; }
    public required string ChatFormat { get; init; }
    /// <summary>Spec §9 #6: false = the paper (Gemma stops only at &lt;eos&gt;), true = also at the end-of-turn token.</summary>
    public required bool StopAtEndOfTurn { get; init; }
    /// <summary>Llama Scope threshold convention: paper552 (the paper's SAELens 5.5.2), scaled, or lm_saes.</summary>
    public required string LlamaScopeThreshold { get; init; }
}
