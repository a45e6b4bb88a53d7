namespace RefusalSae.Experiments.Paper.Evaluation;

/// <summary>The <c>paper.eval</c> block, shared by the §4.1 stages.</summary>
public sealed record PaperEvalSettings
{
    /// <summary>First N prompts of each harmful evaluation set (the paper's N_test = 100).</summary>
    public required int PromptsPerSet { get; init; }
    /// <summary>Text whose first response token is the refusal token (the paper's "I").</summary>
    public required string RefusalToken { get; init; }
}
