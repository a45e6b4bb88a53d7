namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>The <c>paper.filter</c> block.</summary>
public sealed record PaperFilterSettings
{
    public required int Harmful { get; init; }
    public required int Harmless { get; init; }
    public required int BatchSize { get; init; }
    /// <summary>first (the first N of each split) or paper_sample (the paper's random.sample indices).</summary>
    public required string Selection { get; init; }
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
