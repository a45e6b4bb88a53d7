using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Selection;
using RefusalSae.Experiments.Paper.Subject;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Stages.Paper.Split;

/// <summary>
/// paper-features' selection_split step: per set, the §4.1 selection (direction, cosine candidates, LA-IG, feature
/// sets) run again on the selection half only (<see cref="SelectionHalves"/>), through the same per-item caches.
/// </summary>
public static class SplitFeatures
{
    public static void Run(StageContext ctx, PaperSubject paper, IReadOnlyList<(string Name, IReadOnlyList<string> Prompts)> sets,
        FilteredPrompts filtered, PaperFeaturesSettings s, IReadOnlyList<IReadOnlyDictionary<int, float[]>> harmlessMax)
    {
        var progress = ctx.Progress(sets.Sum(x => SelectionHalves.Selection(x.Prompts).Count) * 2, "prompts (selection halves)");
        var widths = paper.Saes.ToDictionary(p => p.Key, p => p.Value.DSae);
        foreach (var (name, prompts) in sets)
        {
            var selection = SelectionHalves.Selection(prompts);
            if (selection.Count == 0 || SelectionHalves.HeldOut(prompts).Count == 0)
                throw new StageException("RSW378", $"paper.features.selection_split: set '{name}' has {prompts.Count} prompt(s); each half needs at least one (raise paper.eval.prompts_per_set).");
            using var scope = NewDisposeScope();
            var attribution = SetAttribution.Compute(ctx, paper, selection, filtered.Harmless, s, filtered.RefusalId, progress);
            var harmfulMax = FeaturesStage.ActMax(ctx, paper, selection, s.BatchSize, progress);
            new SplitSelection
            {
                Set = name, SelectionPrompts = selection, HeldOutPrompts = SelectionHalves.HeldOut(prompts), Direction = attribution.Direction.Best,
                OursGlobal = attribution.Global, ApGlobal = FeatureSets.ApGlobal(attribution.Prompts, s.KStar),
                CosSim = CosineCandidates.Global(paper.Saes, attribution.Direction.BestTensor(paper.Model.Device), s.KStar),
                ActDiff = FeatureSets.ActDiff(harmfulMax, harmlessMax, s.KStar),
                Random = FeatureSets.Random(attribution.Global, widths, s.RandomSeed),
            }.Save(ctx.OutputDirectory);
            ctx.Log.WriteLine($"paper-features: {name}: selection half {selection.Count} prompts, Ours global {string.Join(" ", attribution.Global.Take(8))} …");
        }
    }
}
