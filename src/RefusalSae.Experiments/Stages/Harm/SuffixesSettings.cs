namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>The <c>paper.suffixes</c> block (§4.3b adversarial suffixes, paper-method §7.3); the selection reads <c>paper.features</c>.</summary>
public sealed record PaperSuffixesSettings
{
    /// <summary>First N goals of advsuffixes.csv screened (paper: all 519).</summary>
    public required int Goals { get; init; }
    /// <summary>First N suffixes of each goal screened (paper: all of them).</summary>
    public required int SuffixesPerGoal { get; init; }
    /// <summary>At most N kept goals analysed (paper: the first 100).</summary>
    public required int AnalysisGoals { get; init; }
    /// <summary>Refusal features = paper-categories' F*_cat held by ≥ k categories; 0 = all (the paper's common set).</summary>
    public required int RefusalFeaturesMinCategories { get; init; }
    /// <summary>c of the local-set clamp on the goals (the model's c: −3 Gemma, −1 Llama).</summary>
    public required double Clamp { get; init; }
    /// <summary>c of the upstream-feature clamp (clamp_feat_by_pos: −3 for both models in the paper).</summary>
    public required double UpstreamClamp { get; init; }
    /// <summary>Spec §9 #18: true = the paper's clamp position (prompt count as length, no BOS offset), false = fixed.</summary>
    public required bool PositionBug { get; init; }
    public required int ScreenMaxNewTokens { get; init; }
    public required int MaxNewTokens { get; init; }
    /// <summary>Success of the local-set clamp (paper: HarmBench "yes").</summary>
    public required string Judge { get; init; }
    /// <summary>Screening of goals and suffixes (paper: the substring judge).</summary>
    public required string ScreenJudge { get; init; }
    /// <summary>Per-prompt suppression figures written (the first N analysed successes).</summary>
    public required int Figures { get; init; }
    public required int BatchSize { get; init; }
}
