using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Selection;
using RefusalSae.Experiments.Paper.Subject;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Stages.Paper.Split;

/// <summary>
/// paper-jailbreak's held-out half (paper.features.selection_split): each method's intervention chosen on the
/// selection half (<see cref="SplitSelection"/>) and judged on the other half. Generations go through the stage's
/// per-prompt cache (Base shares the in-sample items); they are logged to held_out_completions.jsonl.
/// </summary>
public static class HeldOutJailbreak
{
    public const string CompletionsFile = "held_out_completions.jsonl";

    public static IReadOnlyDictionary<(string Method, string Set), double> Run(StageContext ctx, PaperSubject paper, string features,
        IReadOnlyList<string> sets, IReadOnlyList<JailbreakMethod> methods, SubstringJudge judge, PaperJailbreakSettings s)
    {
        var splits = sets.Select(set => SplitSelection.Load(features, set)).ToList();
        var progress = ctx.Progress(splits.Sum(x => x.HeldOutPrompts.Count) * methods.Count, "held-out generations");
        var rates = new Dictionary<(string Method, string Set), double>();
        using var log = new StreamWriter(ctx.Output(CompletionsFile));
        foreach (var split in splits)
        {
            using var direction = tensor(split.Direction);                                             // [D]
            var dirKey = SetDirection.Key(split.Direction);
            foreach (var method in methods)
            {
                var chosen = FeaturesOf(method, split);
                rates[(method.Name, split.Set)] = JailbreakGenerations.Run(ctx, paper, method, split.Set, split.HeldOutPrompts,
                    _ => chosen is not null ? string.Join(" ", chosen) : method.Ablate ? dirKey : "",
                    _ => method.Ablate ? Interventions.AblateDirection(paper.Model, direction)
                        : chosen is not null ? Interventions.ScaleFeatures(paper.Model, paper.Saes, [chosen], s.Clamp) : null,
                    judge, s, progress, log);
            }
        }
        return rates;
    }

    /// <summary>
    /// The one feature set a method clamps on every held-out prompt: the selection half's set; AP and Ours, local in
    /// the paper, use their global sets (an unseen prompt has no attribution of its own). Null for Base and AS.
    /// </summary>
    public static IReadOnlyList<FeatureRef>? FeaturesOf(JailbreakMethod method, SplitSelection split) => method.Name switch
    {
        "Base" or "AS" => null,
        "CosSim" => split.CosSim,
        "ActDiff" => split.ActDiff,
        "AP" => split.ApGlobal,
        "CosSim+AP (Ours)" => split.OursGlobal,
        "Random (control)" => split.Random,
        _ => throw new InvalidOperationException($"selection_split: no held-out feature set for method '{method.Name}' (add it to {nameof(HeldOutJailbreak)}.{nameof(FeaturesOf)})."),
    };
}
