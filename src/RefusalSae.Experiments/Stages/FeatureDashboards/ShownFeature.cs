using RefusalSae.Experiments.Dashboards;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Selection;
using RefusalSae.Experiments.Stages.Harm;

namespace RefusalSae.Experiments.Stages.FeatureDashboards;

/// <summary>
/// The features that get a dashboard, the union of every evaluation set's Ours (global) and the §4.2 common set,
/// each with every (method, set) that selected it and its LA-IG attribution where it was a cosine candidate.
/// </summary>
public sealed record ShownFeature(FeatureRef Feature, IReadOnlyList<FeatureSelection> SelectedBy, IReadOnlyList<SetAttributionScore> Attribution)
{
    public const string Ours = "CosSim+AP (Ours)";
    public const string Common = "§4.2 common";

    public static IReadOnlyList<ShownFeature> From(IReadOnlyList<SelectedFeatures> sets, CategorySets? categories)
    {
        var shown = sets.SelectMany(s => s.OursGlobal).Concat(categories?.Common ?? []).ToHashSet();
        var reasons = new List<(FeatureRef F, FeatureSelection Why)>();
        foreach (var s in sets)
        {
            foreach (var (method, list) in new (string, IEnumerable<FeatureRef>)[]
                     {
                         (Ours, s.OursGlobal), ("Ours, local (some prompt)", s.OursLocal.SelectMany(l => l)), ("AP", s.ApGlobal),
                         ("CosSim", s.CosSim), ("ActDiff", s.ActDiff),
                     })
                reasons.AddRange(list.Distinct().Where(shown.Contains).Select(f => (f, new FeatureSelection(method, s.Set))));
        }
        if (categories is not null)
        {
            reasons.AddRange(categories.Common.Where(shown.Contains).Select(f => (f, new FeatureSelection(Common, "every CATQA category"))));
            foreach (var c in categories.Categories)
                reasons.AddRange(categories.Global[c].Where(shown.Contains).Select(f => (f, new FeatureSelection("§4.2 category set", c))));
        }
        return shown.OrderBy(f => f.Layer).ThenBy(f => f.Index)
            .Select(f => new ShownFeature(f, reasons.Where(r => r.F == f).Select(r => r.Why).Distinct().ToList(), ScoresOf(f, sets)))
            .ToList();
    }

    private static IReadOnlyList<SetAttributionScore> ScoresOf(FeatureRef f, IReadOnlyList<SelectedFeatures> sets) =>
        sets.Where(s => s.CandidateScores.Count == s.Candidates.Count)
            .SelectMany(s => s.Candidates.Select((c, j) => (c, j)).Where(p => p.c == f).Select(p => new SetAttributionScore(s.Set, s.CandidateScores[p.j])))
            .ToList();

    /// <summary>The item identity: everything the dashboard shows besides the activations.</summary>
    public string Content => $"{Feature}\n{string.Join("\n", SelectedBy)}\n{string.Join("\n", Attribution)}";
}
