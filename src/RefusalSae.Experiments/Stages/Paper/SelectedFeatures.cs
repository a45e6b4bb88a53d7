using System.Text.Json;
using RefusalSae.Experiments.Paper;

namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>paper-features' output for one evaluation set: every method's feature set (paper-method §4.3, §4.4).</summary>
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

    public static string FileOf(string dir, string set) => Path.Combine(dir, "features", $"{set}.json");

    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static SelectedFeatures Load(string dir, string set) =>
        JsonSerializer.Deserialize<SelectedFeatures>(File.ReadAllText(FileOf(dir, set)), Json)
        ?? throw new InvalidDataException($"{FileOf(dir, set)}: empty.");
}
