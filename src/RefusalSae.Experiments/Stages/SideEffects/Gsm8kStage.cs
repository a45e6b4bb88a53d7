using System.Globalization;
using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Paper.Evaluation;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.SideEffects;

namespace RefusalSae.Experiments.Stages.SideEffects;

/// <summary>
/// paper-gsm8k (paper-method §6.7): zero-shot chain of thought, then "\nSo the final numeric answer is:" and 10 tokens,
/// under every configuration (interventions active in both calls); accuracy by the paper's first-number rule. Problems
/// are the first N of the test file, batched longest question first as the paper sorts them. Cached per problem.
/// Outputs gsm8k.json (a <see cref="CapabilityResult"/>) and answers.jsonl.
/// </summary>
public sealed class Gsm8kStage : IStage
{
    public string Name => "paper-gsm8k";

    public void Run(StageContext ctx)
    {
        var s = ctx.Config<Gsm8kSettings>("paper.gsm8k");
        var multiplier = CapabilityConfigurations.SaeMultiplier(ctx);
        var template = EvalConstants.Load(ctx.Dataset("eval_constants")).String(Gsm8kScoring.QuestionFormatName);
        var all = Gsm8kJsonl.Load(ctx.Dataset("gsm8k_test"));
        if (s.Problems < 1 || s.Problems > all.Count) throw new StageException("RSW366", $"paper.gsm8k.problems = {s.Problems}: the file has {all.Count}.");
        using var paper = PaperSubject.Load(ctx, withSaes: true);
        var sets = SetMaterial.Load(ctx.Upstream("paper-features"), EvaluationSets.HarmfulNames);
        // sort_len(ds, tokenizer, key='question'): by token count, longest first; Python's reverse sort keeps ties in file order.
        var problems = all.Take(s.Problems).Select((p, i) => (p, i, n: PromptContinuation.EncodeText(paper.Chat, p.Question).Length))
            .OrderByDescending(x => x.n).ThenBy(x => x.i).Select(x => x.p).ToList();
        var configs = CapabilityConfigurations.Of(sets);
        var answerer = new Lazy<SequenceGeneration>(() => new SequenceGeneration(paper.Model, paper.Tokenizer, paper.StopIds));   // the weights load on the first miss
        var progress = ctx.Progress(configs.Count * problems.Count, "problems");
        var accuracy = new Dictionary<(string, string), double>();
        using var log = new StreamWriter(ctx.Output("answers.jsonl"));
        foreach (var (method, set) in configs)
        {
            var factor = method.FeaturesOf is null ? 1.0 : multiplier;
            var what = $"{method.Describe(set?.Features, set?.DirectionKey ?? "")}\n{factor.ToString("R", CultureInfo.InvariantCulture)}\n{s.CotTokens}\n{s.AnswerTokens}";
            var answers = ctx.Items.MapBatched(problems, p => $"gsm8k\n{what}\n{paper.Chat.Render(Gsm8kScoring.UserMessage(template, p.Question))}", batch =>
            {
                using var hook = MethodHooks.Capability(paper, method, set, factor);
                var users = batch.Select(p => Gsm8kScoring.UserMessage(template, p.Question)).ToList();
                var cots = paper.Generation.Complete(users, s.CotTokens);
                var inputs = users.Zip(cots, (u, cot) => PromptContinuation.Encode(paper.Chat, u, cot + Gsm8kScoring.AnswerCue)).ToList();
                var raw = answerer.Value.Complete(inputs, s.AnswerTokens);
                return cots.Zip(raw, (cot, r) => new Gsm8kAnswer(cot, Gsm8kScoring.Answer(r))).ToList();
            }, s.BatchSize, progress, ctx.Cancellation);
            var correct = problems.Zip(answers, (p, a) => Gsm8kScoring.IsCorrect(a.Answer, p.FinalAnswer)).ToList();
            accuracy[(method.Name, CapabilityConfigurations.SetKey(set))] = correct.Count(x => x) / (double)correct.Count;
            for (var i = 0; i < problems.Count; i++)
                log.WriteLine(JsonSerializer.Serialize(new { method = method.Name, set = set?.Set, id = problems[i].Id, gold = problems[i].FinalAnswer,
                    answer = answers[i].Answer, prediction = Gsm8kScoring.Prediction(answers[i].Answer), correct = correct[i], cot = answers[i].Cot }));
            ctx.Log.WriteLine($"paper-gsm8k: {method.Name} {CapabilityConfigurations.SetKey(set)}: accuracy {accuracy[(method.Name, CapabilityConfigurations.SetKey(set))]:F3}");
        }
        CapabilityResult.Write(ctx, [CapabilityResult.From("gsm8k", accuracy,
        [
            $"GSM8K: first {problems.Count} test problems, zero-shot chain of thought ({s.CotTokens} tokens) then the answer cue ({s.AnswerTokens} tokens); first-number string match.",
            CapabilityConfigurations.MultiplierNote(ctx, "GSM8K"),
        ])]);
    }
}

/// <summary>One problem's decoded chain of thought and its answer (stripped, or "No Answer").</summary>
public sealed record Gsm8kAnswer(string Cot, string Answer);
