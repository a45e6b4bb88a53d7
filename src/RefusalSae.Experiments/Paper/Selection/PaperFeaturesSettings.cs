namespace RefusalSae.Experiments.Paper.Selection;

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
    /// <summary>Beyond the paper: LA-IG interpolates one layer at a time (<see cref="LaIgOptions.PerLayer"/>).</summary>
    public required bool PerLayerIg { get; init; }
    /// <summary>
    /// Beyond the paper: also select the direction and feature sets on one half of each set (even positions) and let
    /// paper-jailbreak report the held-out half beside the in-sample numbers (Stages/Paper/Split).
    /// </summary>
    public required bool SelectionSplit { get; init; }

    public LaIgOptions LaIg => new() { Steps = IgSteps, AblatedResidualEndpoint = AblatedResidualEndpoint, PerLayer = PerLayerIg };

    /// <summary>What the LA-IG item cache depends on besides the direction and the prompt.</summary>
    public string LaIgKey => $"{CandidatesPerLayer}\n{IgSteps}\n{AblatedResidualEndpoint}" + (PerLayerIg ? "\nper-layer" : "");
}
