using RefusalSae.Experiments.Paper.Selection;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// One row of the §4.1 jailbreak table: how its intervention is chosen for prompt b. Local methods (Ours, AP) clamp
/// each prompt with its own list (the paper's ind=True); CosSim, ActDiff and the random control share one set; AS
/// ablates the direction; Base does nothing.
/// </summary>
public sealed record JailbreakMethod(string Name, Func<SelectedFeatures, int, IReadOnlyList<FeatureRef>>? FeaturesOf, bool Ablate = false)
{
    public static IReadOnlyList<JailbreakMethod> All(bool apMisindexed) =>
    [
        new("Base", null),
        new("CosSim", (s, _) => s.CosSim),
        new("ActDiff", (s, _) => s.ActDiff),
        new("AP", (s, b) => (apMisindexed ? FeatureSets.ApLocalMisindexed(s.ApLocal) : s.ApLocal)[b]),
        new("CosSim+AP (Ours)", (s, b) => s.OursLocal[b]),
        new("AS", null, Ablate: true),
        new("Random (control)", (s, _) => s.Random),
    ];
}
