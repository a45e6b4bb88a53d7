using RefusalSae.Core.IO;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Evaluation;
using RefusalSae.Experiments.Paper.Selection;
using RefusalSae.Experiments.Paper.Subject;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>
/// paper-features: per harmful evaluation set, the refusal direction at every layer (harmful = the set's prompts,
/// harmless = the first |D| filtered harmless prompts), the cosine candidates, LA-IG per prompt (cached per prompt)
/// and the feature sets Ours, AP, CosSim, ActDiff and the random control. Outputs directions/{set}.safetensors
/// (directions [L, D], direction [D] = best layer) and features/{set}.json; with selection_split also split/{set}.json
/// (<see cref="Split.SplitFeatures"/>).
/// </summary>
public sealed class FeaturesStage : IStage
{
    public string Name => "paper-features";

    public void Run(StageContext ctx)
    {
        var eval = ctx.Config<PaperEvalSettings>("paper.eval");
        var s = ctx.Config<PaperFeaturesSettings>("paper.features");
        var filtered = FilteredPrompts.Load(ctx.Upstream("paper-filter"));
        using var paper = PaperSubject.Load(ctx, withSaes: true);
        var sets = EvaluationSets.Harmful(ctx.Dataset, eval.PromptsPerSet);
        var progress = ctx.Progress(sets.Sum(x => x.Prompts.Count) * 2 + filtered.Harmless.Count, "prompts");

        var harmlessMax = ActMax(ctx, paper, filtered.Harmless, s.BatchSize, progress);
        foreach (var (name, prompts) in sets)
        {
            var texts = prompts.Select(p => p.Instruction).ToList();
            var attribution = SetAttribution.Compute(ctx, paper, texts, filtered.Harmless, s, filtered.RefusalId, progress, positions: false);
            using var scope = NewDisposeScope();
            var best = tensor(attribution.Direction.Best);                                                // [D]
            SafeTensors.Save(ctx.Output(Path.Combine("directions", $"{name}.safetensors")),
                new Dictionary<string, Tensor> { ["directions"] = attribution.Direction.AllTensor(), ["direction"] = best });   // [L, D], [D]
            var harmfulMax = ActMax(ctx, paper, texts, s.BatchSize, progress);
            var (candidates, scored) = (attribution.Candidates, attribution.Prompts);
            var selected = new SelectedFeatures
            {
                Set = name, Prompts = texts, JailbreakIds = scored.Select(a => a.JailbreakId).ToList(), Candidates = candidates,
                OursLocal = attribution.Local, OursGlobal = attribution.Global,
                ApLocal = FeatureSets.ApLocal(scored, s.KStar), ApGlobal = FeatureSets.ApGlobal(scored, s.KStar),
                CosSim = CosineCandidates.Global(paper.Saes, best, s.KStar),
                ActDiff = FeatureSets.ActDiff(harmfulMax, harmlessMax, s.KStar),
                Random = FeatureSets.Random(attribution.Global, paper.Saes.ToDictionary(p => p.Key, p => p.Value.DSae), s.RandomSeed),
                CandidateScores = candidates.Select((_, j) => (float)scored.Average(a => a.Candidates[j])).ToList(),
            };
            PaperFeaturesOutput.Write(ctx.OutputDirectory, selected);
            ctx.Log.WriteLine($"paper-features: {name}: Ours global {string.Join(" ", attribution.Global.Take(8))} …; layers " +
                              string.Join(", ", attribution.Global.GroupBy(f => f.Layer).OrderBy(g => g.Key).Select(g => $"L{g.Key}×{g.Count()}")));
        }
        if (s.SelectionSplit)
            Split.SplitFeatures.Run(ctx, paper, sets.Select(x => (x.Name, (IReadOnlyList<string>)x.Prompts.Select(p => p.Instruction).ToList())).ToList(), filtered, s, harmlessMax);
    }

    internal static IReadOnlyList<IReadOnlyDictionary<int, float[]>> ActMax(StageContext ctx, PaperSubject paper, IReadOnlyList<string> texts, int batchSize,
        ProgressReporter progress) =>
        ctx.Items.MapBatched(texts, t => $"actmax\n{paper.Chat.Render(t)}", batch =>
        {
            using var scope = NewDisposeScope();
            var (ids, mask) = BatchEncoding.LeftPad(batch.Select(paper.Encode).ToList(), paper.Tokenizer.PadId).ToTensors(paper.Model.Device);
            return ActivationMax.PerPrompt(paper.Model, paper.Saes, ids, mask).Select(m => new LayerMaxima(m)).ToList();
        }, batchSize, progress, ctx.Cancellation).Select(m => m.Rows).ToList();
}
