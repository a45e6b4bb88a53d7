using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Harm;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Stages.Paper;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>
/// paper-wildjailbreak (§4.3a, paper-method §7.2 adapted): adversarial prompts of the WildJailbreak eval file paired with
/// the nearest vanilla harmful prompt (the GPT-4o paraphrases can't be regenerated offline, and the eval file has no
/// vanilla column); generations on both sides split the pairs into jailbroken (adversarial not refused, vanilla refused)
/// and failed (both refused); LA-IG local sets on the vanilla side; relative decrease of harm and refusal features from
/// vanilla to adversarial, and presence of the refusal features. Outputs pairs.jsonl, wildjailbreak.{md,csv}, metrics.json.
/// </summary>
public sealed class WildJailbreakStage : IStage
{
    public string Name => "paper-wildjailbreak";

    public void Run(StageContext ctx)
    {
        var f = ctx.Config<PaperFeaturesSettings>("paper.features");
        var s = ctx.Config<PaperWildJailbreakSettings>("paper.wildjailbreak");
        using var judge = JailbreakJudges.Load(ctx, s.Judge, "paper.wildjailbreak.judge");
        var filtered = FilteredPrompts.Load(ctx.Upstream("paper-filter"));
        var sets = CategorySets.Load(ctx.Upstream("paper-categories"));
        var refusal = sets.RefusalFeatures(s.RefusalFeaturesMinCategories);
        using var paper = PaperSubject.Load(ctx, withSaes: true);

        var adversarial = WildJailbreakTsv.Load(ctx.Dataset("wildjailbreak_eval"))
            .Where(r => r.DataType == "adversarial_harmful" && r.Text is not null)
            .Select(r => (Text: r.Text!, Tokens: paper.Encode(r.Text!).Length))
            .Where(r => r.Tokens <= s.MaxPromptTokens).OrderBy(r => r.Tokens).Take(s.Prompts).Select(r => r.Text).ToList();
        var pool = RefusalDirectionJson.Load(ctx.Dataset("harmful_test")).Concat(RefusalDirectionJson.Load(ctx.Dataset("harmful_val"))).Select(p => p.Instruction).ToList();
        var nearest = new NearestPrompt(pool);
        var pairs = adversarial.Select(a => { var (i, sim) = nearest.Find(a); return (Adversarial: a, Vanilla: pool[i], Similarity: sim); }).ToList();

        var both = pairs.Select(p => p.Adversarial).Concat(pairs.Select(p => p.Vanilla)).Distinct().ToList();
        var responses = ctx.Items.MapBatched(both, p => $"wjb\n{s.MaxNewTokens}\n{paper.Chat.Render(p)}",
            batch => paper.Generation.Complete(batch, s.MaxNewTokens), s.BatchSize, ctx.Progress(both.Count, "generations"), ctx.Cancellation);
        var jailbroken = both.Zip(judge.IsJailbroken(both, responses)).ToDictionary(p => p.First, p => p.Second);
        var groups = new[]
        {
            ("jailbroken", pairs.Where(p => jailbroken[p.Adversarial] && !jailbroken[p.Vanilla]).Take(s.MaxPairsPerSet).ToList()),
            ("failed", pairs.Where(p => !jailbroken[p.Adversarial] && !jailbroken[p.Vanilla]).Take(s.MaxPairsPerSet).ToList()),
        };
        var results = new List<WildJailbreakResult>();
        using var log = new StreamWriter(ctx.Output("pairs.jsonl"));
        foreach (var (name, group) in groups)
        {
            if (group.Count == 0) { results.Add(WildJailbreakResult.Empty(name)); continue; }
            var vanilla = group.Select(p => p.Vanilla).ToList();
            var attribution = SetAttribution.Compute(ctx, paper, vanilla, filtered.Harmless, f, filtered.RefusalId, ctx.Progress(vanilla.Count, $"prompts (LA-IG, {name})"));
            var harm = new List<double>();
            var refusalDecrease = new List<double>();
            var presence = new List<double>();
            var counts = refusal.ToDictionary(r => r, _ => 0);
            for (var b = 0; b < group.Count; b++)
            {
                var local = attribution.Local[b];
                var h = local.Where(x => !refusal.Contains(x)).ToList();
                var r = local.Where(refusal.Contains).ToList();
                foreach (var x in r) counts[x]++;
                var (vAll, vLast) = FeatureMeans.Read(paper.Model, paper.Saes, paper.Encode(group[b].Vanilla), h.Concat(r).ToList(), skipLeading: f.ValueSkipLeadingTokens);
                var (aAll, aLast) = FeatureMeans.Read(paper.Model, paper.Saes, paper.Encode(group[b].Adversarial), h.Concat(r).ToList(), skipLeading: f.ValueSkipLeadingTokens);
                var hd = RelativeDecrease.Mean(vAll[..h.Count], aAll[..h.Count]);
                var rd = RelativeDecrease.Mean(vLast[h.Count..], aLast[h.Count..]);
                harm.Add(hd);
                refusalDecrease.Add(rd);
                presence.Add(refusal.Count == 0 ? double.NaN : r.Count / (double)refusal.Count);
                log.WriteLine(JsonSerializer.Serialize(new { set = name, adversarial = group[b].Adversarial, vanilla = group[b].Vanilla, similarity = group[b].Similarity,
                    harm_decrease = hd, refusal_decrease = rd, refusal_features = r.Select(x => x.ToString()) }, SuffixesReport.Json));
            }
            results.Add(new WildJailbreakResult(name, group.Count, group.Average(p => p.Similarity), NormalisedRate.MeanDefined(harm), NormalisedRate.MeanDefined(refusalDecrease),
                NormalisedRate.MeanDefined(presence), counts.OrderByDescending(p => p.Value).Take(5).Select(p => $"{p.Key} {p.Value / (double)group.Count:F2}").ToList()));
        }
        WildJailbreakReport.Write(ctx.OutputDirectory, results, s, refusal, pairs.Count, judge.Name);
        foreach (var r in results) ctx.Log.WriteLine($"paper-wildjailbreak: {r.Set}: {r.Pairs} pairs, harm decrease {r.HarmDecrease:F2}, refusal decrease {r.RefusalDecrease:F2}, presence {r.Presence:F2}");
    }
}

/// <summary>One row of the §4.3a table.</summary>
public sealed record WildJailbreakResult(string Set, int Pairs, double Similarity, double HarmDecrease, double RefusalDecrease, double Presence, IReadOnlyList<string> Frequent)
{
    public static WildJailbreakResult Empty(string set) => new(set, 0, double.NaN, double.NaN, double.NaN, double.NaN, []);
}
