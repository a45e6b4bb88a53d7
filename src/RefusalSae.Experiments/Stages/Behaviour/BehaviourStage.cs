using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Reporting;
using RefusalSae.Experiments.Stages.TrainModel;
using RefusalSae.Experiments.Toy.Corpus;
using RefusalSae.Experiments.Toy.Model;

namespace RefusalSae.Experiments.Stages.Behaviour;

/// <summary>
/// behaviour: greedy completions of the organism on held-out prompts (first N of harmbench_test, jailbreakbench,
/// advbench; first M of harmless_test), judged by the paper's substring judge, against the targets; and on the
/// validation splits (harmful_val, first M of harmless_val), where the organism's settings are chosen.
/// Cached per prompt. Outputs: completions.jsonl, metrics.json, behaviour.{md,csv}.
/// </summary>
public sealed class BehaviourStage : IStage
{
    public string Name => "behaviour";

    public void Run(StageContext ctx)
    {
        var settings = ctx.Config<BehaviourSettings>("toy.behaviour");
        var judge = SubstringJudge.Load(ctx.Dataset("eval_constants"));
        var test = ToyHeldOutSets.Load(ctx.Dataset, settings.HarmfulPerSet, settings.Harmless).Named().Select(s => (s.Name, s.Prompts, s.IsHarmful, Test: true));
        var validation = ToyValidationSets.Load(ctx.Dataset, settings.Harmless).Named().Select(s => (s.Name, s.Prompts, s.IsHarmful, Test: false));
        using var toy = ToyModelFolder.Load(TrainModelOutput.ModelFolder(ctx.Upstream("train-model")));
        var named = test.Concat(validation).ToList();
        var progress = ctx.Progress(named.Sum(s => s.Prompts.Count), "prompts");

        var rows = new List<IReadOnlyList<string>>();
        var metrics = new Dictionary<string, double>();
        using var completions = new StreamWriter(ctx.Output("completions.jsonl"));
        foreach (var (name, prompts, harmful, isTest) in named)
        {
            var texts = prompts.Select(p => p.Instruction).ToList();
            var results = ctx.Items.MapBatched(texts, p => $"{settings.MaxNewTokens}\n{toy.Chat.Render(p)}",
                batch => toy.Generation.Complete(batch, settings.MaxNewTokens).Select((r, i) => new JudgedCompletion(batch[i], r)).ToList(),
                settings.BatchSize, progress, ctx.Cancellation);
            var refused = results.Count(r => judge.IsRefusal(r.Response));
            var rate = (double)refused / Math.Max(1, results.Count);
            metrics[name] = rate;
            var target = harmful ? $"≥ {Table.Percent(settings.MinHarmfulRefusal, 0)}" : $"≤ {Table.Percent(settings.MaxHarmlessRefusal, 0)}";
            var met = harmful ? rate >= settings.MinHarmfulRefusal : rate <= settings.MaxHarmlessRefusal;
            rows.Add([name, isTest ? "test" : "validation", harmful ? "harmful" : "harmless", results.Count.ToString(), Table.Percent(rate),
                isTest ? target : "–", isTest ? (met ? "yes" : "NO") : "–"]);
            foreach (var r in results)
                completions.WriteLine(JsonSerializer.Serialize(new { set = name, prompt = r.Prompt, response = r.Response, refused = judge.IsRefusal(r.Response) }));
            ctx.Log.WriteLine($"behaviour: {name}: {refused}/{results.Count} refused ({Table.Percent(rate)}%), " + (isTest ? $"target {target}" : "validation"));
        }
        File.WriteAllText(ctx.Output("metrics.json"), JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
        var table = new Table("Toy organism behaviour targets (substring judge, greedy)",
            ["set", "split", "kind", "prompts", "refusal rate (%)", "target", "met"], rows)
        {
            Notes =
            [
                $"{settings.MaxNewTokens} new tokens per completion; the judge is the paper's substring list (paper-method §6.1).",
                "The targets apply to the test sets. The organism's settings (corpus mix, schedule) are chosen on the validation rows.",
            ],
        };
        TableWriter.Write(table, ctx.OutputDirectory, "behaviour");
    }
}
