using RefusalSae.Experiments.Paper;

namespace RefusalSae.Experiments.Dashboards;

/// <summary>
/// What an SAE dashboard shows of one selected feature: who selected it, its attribution, how its activation is
/// spread over evaluation and harmless prompts, and the contexts where it fires most (evaluation prompts and, for
/// the toy, its training corpus). One item of the feature-dashboards stage's per-feature cache.
/// </summary>
public sealed record FeatureDashboard
{
    public required FeatureRef Feature { get; init; }
    public required IReadOnlyList<FeatureSelection> SelectedBy { get; init; }
    public required IReadOnlyList<SetAttributionScore> Attribution { get; init; }
    public required ActivationHistogram Histogram { get; init; }
    /// <summary>Fraction of evaluation harmful and of harmless prompts on which the feature fires at all.</summary>
    public required double HarmfulDensity { get; init; }
    public required double HarmlessDensity { get; init; }
    public required IReadOnlyList<ActivationContext> EvaluationContexts { get; init; }
    public required IReadOnlyList<ActivationContext> CorpusContexts { get; init; }

    /// <summary>The anchor and file stem of a feature, e.g. "L1-893".</summary>
    public static string Slug(FeatureRef f) => $"L{f.Layer}-{f.Index}";
}
