using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Evaluation;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.Reporting;
using static TorchSharp.torch;
using RefusalSae.Experiments.Paper.Selection;

namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>
/// paper-jailbreak (paper-method §6.4): greedy generations per method and per harmful set (cached per prompt), judged
/// by the substring judge; the jailbreak table (methods × sets, refusal rate) as Markdown and CSV, and the grouped-bar
/// figure (PNG, SVG). Outputs completions.jsonl, metrics.json, jailbreak.{md,csv,png,svg}; when paper-features
/// selected on one half (selection_split), also the held-out half's rates (<see cref="Split.HeldOutJailbreak"/>).
/// </summary>
public sealed class JailbreakStage : IStage
{
    public string Name => "paper-jailbreak";

    public void Run(StageContext ctx)
    {
        var eval = ctx.Config<PaperEvalSettings>("paper.eval");
        var s = ctx.Config<PaperJailbreakSettings>("paper.jailbreak");
        var judge = SubstringJudge.Load(ctx.Dataset("eval_constants"));
        var features = ctx.Upstream("paper-features");
        using var paper = PaperSubject.Load(ctx, withSaes: true);
        var sets = EvaluationSets.HarmfulNames;
        var methods = JailbreakMethod.All(s.ApMisindexed);
        var progress = ctx.Progress(sets.Count * methods.Count * eval.PromptsPerSet, "generations");
        var rates = new Dictionary<(string Method, string Set), double>();
        using var log = new StreamWriter(ctx.Output("completions.jsonl"));
        foreach (var set in sets)
        {
            var selected = PaperFeaturesOutput.Features(features, set);
            var floats = PaperFeaturesOutput.Direction(features, set);
            using var direction = tensor(floats);                                                              // [D]
            var dirKey = SetDirection.Key(floats);
            var index = selected.Prompts.Select((p, i) => (p, i)).GroupBy(x => x.p).ToDictionary(g => g.Key, g => g.First().i);   // a repeated prompt keeps its first list
            foreach (var method in methods)
            {
                rates[(method.Name, set)] = JailbreakGenerations.Run(ctx, paper, method, set, selected.Prompts,
                    p => method.FeaturesOf is { } f ? string.Join(" ", f(selected, index[p])) : method.Ablate ? dirKey : "",
                    batch => Install(paper, method, selected, batch.Select(p => index[p]).ToList(), direction, s.Clamp),
                    judge, s, progress, log);
                ctx.Log.WriteLine($"paper-jailbreak: {set} {method.Name}: refusal {Table.Percent(rates[(method.Name, set)])}%");
            }
        }
        var heldOut = Split.SplitSelection.Present(features) ? Split.HeldOutJailbreak.Run(ctx, paper, features, sets, methods, judge, s) : null;
        JailbreakReport.Write(ctx.OutputDirectory, sets, methods.Select(m => m.Name).ToList(), rates, s, eval.PromptsPerSet, heldOut);
    }

    private static IDisposable? Install(PaperSubject paper, JailbreakMethod method, SelectedFeatures selected, IReadOnlyList<int> rows, Tensor direction, double c)
    {
        if (method.Ablate) return Interventions.AblateDirection(paper.Model, direction);
        if (method.FeaturesOf is not { } f) return null;
        return Interventions.ScaleFeatures(paper.Model, paper.Saes, rows.Select(b => f(selected, b)).ToList(), c);
    }
}
