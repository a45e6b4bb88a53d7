using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Selection;
using RefusalSae.Experiments.Stages.Paper;

namespace RefusalSae.Experiments.Stages.Report;

/// <summary>One selected feature set of one harmful set (paper-features' features/{set}.json), sorted by layer then index.</summary>
public sealed record FeatureSetRow(string Set, string Method, IReadOnlyList<FeatureRef> Features)
{
    /// <summary>Every set paper-features selected; local (per-prompt) sets as their union, so every selected feature appears.</summary>
    public static IReadOnlyList<FeatureSetRow> From(SelectedFeatures s) =>
    [
        Row(s.Set, "CosSim+AP (Ours), global", s.OursGlobal),
        Row(s.Set, "CosSim+AP (Ours), local: union over prompts", s.OursLocal.SelectMany(f => f)),
        Row(s.Set, "AP, global", s.ApGlobal),
        Row(s.Set, "AP, local: union over prompts", s.ApLocal.SelectMany(f => f)),
        Row(s.Set, "CosSim", s.CosSim),
        Row(s.Set, "ActDiff", s.ActDiff),
        Row(s.Set, "Random (control)", s.Random),
    ];

    /// <summary>The rows of every features/*.json in paper-features' output folder.</summary>
    public static IReadOnlyList<FeatureSetRow> ReadAll(string featuresStageDir)
    {
        return PaperFeaturesOutput.AllFeatures(featuresStageDir).SelectMany(From).ToList();
    }

    private static FeatureSetRow Row(string set, string method, IEnumerable<FeatureRef> features) =>
        new(set, method, features.Distinct().OrderBy(f => f.Layer).ThenBy(f => f.Index).ToList());
}
