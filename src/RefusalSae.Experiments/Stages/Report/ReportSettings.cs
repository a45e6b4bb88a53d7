using RefusalSae.Experiments.Stages.FeatureDashboards;

namespace RefusalSae.Experiments.Stages.Report;

/// <summary>The <c>report</c> block (defaults in experiments/defaults.yaml).</summary>
public sealed record ReportSettings
{
    /// <summary>The stages shown, in order; experiments/pipeline.yaml makes them the report's upstream.</summary>
    public required IReadOnlyList<string> Stages { get; init; }
    /// <summary>Neuronpedia URL template with {layer} and {feature}; empty = no links.</summary>
    public required string Neuronpedia { get; init; }
    /// <summary>The feature-dashboards stage's knobs (read by that stage; here because they are the report's).</summary>
    public required DashboardSettings Dashboards { get; init; }
}
