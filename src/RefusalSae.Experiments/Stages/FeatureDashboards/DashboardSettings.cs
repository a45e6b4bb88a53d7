namespace RefusalSae.Experiments.Stages.FeatureDashboards;

/// <summary>The <c>report.dashboards</c> block (defaults and why in experiments/defaults.yaml).</summary>
public sealed record DashboardSettings
{
    /// <summary>Stage whose corpus.jsonl the model was trained on (the toy's toy-corpus); "" for a model we did not train.</summary>
    public required string CorpusStage { get; init; }
    public required int CorpusExamples { get; init; }
    public required int Harmless { get; init; }
    public required int Contexts { get; init; }
    public required int TokensBefore { get; init; }
    public required int TokensAfter { get; init; }
    public required int Bins { get; init; }
    public required int MaxTokens { get; init; }
    public required int BatchSize { get; init; }
}
