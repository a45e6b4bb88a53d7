using System.Text.Json;

namespace RefusalSae.Experiments.Paper.Selection;

/// <summary>
/// Every method's feature set for one evaluation set (paper-method §4.3, §4.4): what paper-features selects and writes
/// (Stages/Paper/PaperFeaturesOutput), and what every intervention reads.
/// </summary>
public sealed record SelectedFeatures
{
    public required string Set { get; init; }
    public required IReadOnlyList<string> Prompts { get; init; }
    public required IReadOnlyList<long> JailbreakIds { get; init; }
    public required IReadOnlyList<FeatureRef> Candidates { get; init; }
    public required IReadOnlyList<IReadOnlyList<FeatureRef>> OursLocal { get; init; }
    public required IReadOnlyList<FeatureRef> OursGlobal { get; init; }
    public required IReadOnlyList<IReadOnlyList<FeatureRef>> ApLocal { get; init; }
    public required IReadOnlyList<FeatureRef> ApGlobal { get; init; }
    public required IReadOnlyList<FeatureRef> CosSim { get; init; }
    public required IReadOnlyList<FeatureRef> ActDiff { get; init; }
    /// <summary>The random control: the layer profile of OursGlobal, other features, seeded.</summary>
    public required IReadOnlyList<FeatureRef> Random { get; init; }
    /// <summary>Each candidate's prompt-mean LA-IG attribution (the score Ours ranks by), for the feature dashboards.</summary>
    public IReadOnlyList<float> CandidateScores { get; init; } = [];

    /// <summary>How the selections are written (snake_case, indented), also used for the §4.2 sets.</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
