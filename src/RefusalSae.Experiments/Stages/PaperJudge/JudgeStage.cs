using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Stages.PaperJudge;

/// <summary>
/// paper-judge (paper-method §6.2, §6.4): every (prompt, response) of paper-jailbreak judged by the configured
/// HarmBench classifier (cached per item under the judge's identity), then the final §4.1 table and figure
/// (<see cref="JailbreakTable"/>). Outputs judgements.jsonl, jailbreak.{md,csv,png,svg}, metrics.json; with
/// paper.features.selection_split also the held-out half's scores (<see cref="HeldOutCompletions"/>).
/// </summary>
public sealed class JudgeStage : IStage
{
    public string Name => "paper-judge";

    public void Run(StageContext ctx)
    {
        var s = ctx.Config<HarmBenchJudgeSettings>(HarmBenchJudgeSettings.Prefix);
        var paperModel = ctx.Config<string>("paper.jailbreak.paper_model");
        var completions = JailbreakCompletion.Load(ctx.Upstream("paper-jailbreak"));
        var heldOut = HeldOutCompletions.Load(ctx.Upstream("paper-jailbreak"));   // empty unless paper.features.selection_split
        var verdicts = new Dictionary<HarmBenchCase, HarmBenchVerdict>();
        string? identity = null;
        try
        {
            using var judge = HarmBenchJudges.Create(s, ctx.Dataset("harmbench_cls_prompt"));
            if (judge is not null)
            {
                identity = judge.Identity;
                var cases = completions.Concat(heldOut).Select(c => new HarmBenchCase(c.Prompt, c.Response)).Distinct().ToList();
                ctx.Log.WriteLine($"paper-judge: {cases.Count} distinct (prompt, response) pairs of {completions.Count}; judge {identity}");
                var progress = ctx.Progress(cases.Count, "verdicts");
                var judged = ctx.Items.MapBatched(cases, c => JsonSerializer.Serialize(new[] { "harmbench", identity, c.Behavior, c.Generation }),
                    batch => judge.Judge(batch, ctx.Cancellation), judge.PreferredBatch, progress, ctx.Cancellation);
                for (var i = 0; i < cases.Count; i++) verdicts[cases[i]] = judged[i];
            }
            else ctx.Log.WriteLine("paper-judge: paper.judge.backend is none: no HarmBench verdicts, the table shows substring refusal only");
        }
        catch (HarmBenchJudgeException e)
        {
            throw new StageException("RSW369", e.Message);
        }

        var results = completions.Select(c => JudgedCompletion.Of(c, identity is null ? null : verdicts[new HarmBenchCase(c.Prompt, c.Response)])).ToList();
        using (var log = new StreamWriter(ctx.Output("judgements.jsonl")))
            foreach (var r in results) log.WriteLine(JsonSerializer.Serialize(r, Json));
        var scores = JailbreakScores.From(results);
        var heldOutScores = heldOut.Count == 0 ? null
            : HeldOutCompletions.Score(ctx.OutputDirectory, heldOut.Select(c => JudgedCompletion.Of(c, identity is null ? null : verdicts[new HarmBenchCase(c.Prompt, c.Response)])).ToList());
        JailbreakTable.Write(ctx.OutputDirectory, scores, identity, paperModel, heldOutScores);
        foreach (var m in scores.Methods)
            ctx.Log.WriteLine($"paper-judge: {m}: " + string.Join(", ", scores.Sets.Select(set =>
                $"{set} ASR {Pct(scores.Asr(m, set))} refusal {Pct(scores.Refusal(m, set))}")));
    }

    private static string Pct(double rate) => double.IsNaN(rate) ? "n/a" : Table.Percent(rate) + "%";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}
