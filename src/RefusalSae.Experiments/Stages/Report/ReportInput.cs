using RefusalSae.Experiments.Dashboards;

namespace RefusalSae.Experiments.Stages.Report;

/// <summary>What one report shows: the stages' results, the selected feature sets and the feature dashboards.</summary>
public sealed record ReportInput(IReadOnlyList<StageReport> Stages, IReadOnlyList<FeatureSetRow> Features, IReadOnlyList<FeatureDashboard> Dashboards,
    string? HistogramsDir, NeuronpediaLinks Links);
