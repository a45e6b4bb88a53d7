using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Harm;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Selection;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.Stages.Paper;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>
/// paper-suffixes (§4.3b, paper-method §7.3): screening of goals and suffixes by greedy generation; on the kept goals,
/// the direction, LA-IG and local sets; the local-set clamp on the goals alone; for each success, the suppression of the
/// refusal features by the upstream features and by the suffix, word by word. Outputs screening.json, analysis.jsonl,
/// suffixes.{md,csv}, presence.{md,csv}, top_words.{md,csv,png,svg}, prompt_{i}.{png,svg}, metrics.json.
/// </summary>
public sealed class SuffixesStage : IStage
{
    public string Name => "paper-suffixes";

    public void Run(StageContext ctx)
    {
        var f = ctx.Config<PaperFeaturesSettings>("paper.features");
        var s = ctx.Config<PaperSuffixesSettings>("paper.suffixes");
        using var judge = JailbreakJudges.Load(ctx, s.Judge, "paper.suffixes.judge");
        using var screenJudge = s.ScreenJudge == s.Judge ? null : JailbreakJudges.Load(ctx, s.ScreenJudge, "paper.suffixes.screen_judge");
        var filtered = FilteredPrompts.Load(ctx.Upstream("paper-filter"));
        var sets = CategorySets.Load(ctx.Upstream("paper-categories"));
        var refusal = sets.RefusalFeatures(s.RefusalFeaturesMinCategories);
        var goals = AdvSuffixesCsv.Load(ctx.Dataset("advsuffixes")).Take(s.Goals).Select(g => (g.Goal, Suffixes: g.Suffixes.Take(s.SuffixesPerGoal).ToList())).ToList();
        using var paper = PaperSubject.Load(ctx, withSaes: true);

        // 1. Screening: goals alone must be refused; suffixes that are not refused are successful.
        var screenPrompts = goals.SelectMany(g => g.Suffixes.Select(x => AdvSuffixesCsv.Prompt(g.Goal, x)).Prepend(g.Goal)).Distinct().ToList();
        var screened = ctx.Items.MapBatched(screenPrompts, p => $"screen\n{s.ScreenMaxNewTokens}\n{paper.Chat.Render(p)}",
            batch => paper.Generation.Complete(batch, s.ScreenMaxNewTokens), s.BatchSize, ctx.Progress(screenPrompts.Count, "screening generations"), ctx.Cancellation);
        var jailbroken = screenPrompts.Zip((screenJudge ?? judge).IsJailbroken(screenPrompts, screened)).ToDictionary(p => p.First, p => p.Second);
        var kept = goals.Where(g => !jailbroken[g.Goal]).Select(g => (g.Goal, Suffixes: g.Suffixes.Where(x => jailbroken[AdvSuffixesCsv.Prompt(g.Goal, x)]).ToList()))
            .Where(g => g.Suffixes.Count > 0).Take(s.AnalysisGoals).ToList();
        File.WriteAllText(ctx.Output("screening.json"), JsonSerializer.Serialize(kept.Select(k => new { prompt = k.Goal, suffix = k.Suffixes }), new JsonSerializerOptions { WriteIndented = true }));
        ctx.Log.WriteLine($"paper-suffixes: {goals.Count(g => !jailbroken[g.Goal])}/{goals.Count} goals refused alone; {kept.Count} kept with a successful suffix");

        // 2. Direction, LA-IG and local sets on the kept goals; the local-set clamp on the goals alone.
        var texts = kept.Select(k => k.Goal).ToList();
        var analyses = new List<SuffixAnalysis>();
        var successes = new List<int>();
        if (texts.Count > 0)
        {
            var attribution = SetAttribution.Compute(ctx, paper, texts, filtered.Harmless, f, filtered.RefusalId, ctx.Progress(texts.Count, "prompts (LA-IG)"));
            var clampedResponses = ctx.Items.MapBatched(Enumerable.Range(0, texts.Count).ToList(),
                i => $"clamp\n{s.Clamp}\n{s.MaxNewTokens}\n{string.Join(" ", attribution.Local[i])}\n{paper.Chat.Render(texts[i])}", batch =>
                {
                    using var hook = Interventions.ScaleFeatures(paper.Model, paper.Saes, batch.Select(i => attribution.Local[i]).ToList(), s.Clamp);
                    return paper.Generation.Complete(batch.Select(i => texts[i]).ToList(), s.MaxNewTokens);
                }, s.BatchSize, ctx.Progress(texts.Count, "clamped generations"), ctx.Cancellation);
            var ok = judge.IsJailbroken(texts, clampedResponses);
            successes = Enumerable.Range(0, texts.Count).Where(i => ok[i]).ToList();

            // 3. Suppression analysis per success (its first successful suffix).
            var refusalSet = refusal.ToHashSet();
            foreach (var i in successes)
            {
                var a = SuffixAnalysis.Run(ctx.Items, paper, texts[i], kept[i].Suffixes[0], attribution.Local[i], attribution.Candidates, attribution.Positions![i], refusalSet, texts.Count, s, f);
                if (a is not null) analyses.Add(a);
            }
            var presence = refusal.Select(r => successes.Count == 0 ? double.NaN : successes.Count(i => attribution.Local[i].Contains(r)) / (double)successes.Count).ToList();
            SuffixesReport.Write(ctx.OutputDirectory, s, goals.Count, goals.Count(g => !jailbroken[g.Goal]), texts.Count, successes.Count, refusal, presence, analyses, JudgeNames(judge, screenJudge));
        }
        else SuffixesReport.Write(ctx.OutputDirectory, s, goals.Count, goals.Count(g => !jailbroken[g.Goal]), 0, 0, refusal, refusal.Select(_ => double.NaN).ToList(), analyses, JudgeNames(judge, screenJudge));
        using var log = new StreamWriter(ctx.Output("analysis.jsonl"));
        foreach (var a in analyses) log.WriteLine(JsonSerializer.Serialize(a, SuffixesReport.Json));
        ctx.Log.WriteLine($"paper-suffixes: {successes.Count}/{texts.Count} goals jailbroken by their local sets; {analyses.Count} analysed");
    }

    /// <summary>"substring" when one judge does both; "harmbench (screening: substring)" as the paper's split reads.</summary>
    private static string JudgeNames(IJailbreakJudge judge, IJailbreakJudge? screen) => screen is null ? judge.Name : $"{judge.Name} (screening: {screen.Name})";
}
