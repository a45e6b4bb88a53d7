using System.Globalization;
using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Paper.Evaluation;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.SideEffects;

namespace RefusalSae.Experiments.Stages.SideEffects;

/// <summary>
/// paper-arc (paper-method §6.7): the paper's ARC prompt, "The best answer is (" after the generation prompt, one
/// greedy token compared with the answer key, under every configuration. Cached per question. Outputs arc.json (a
/// <see cref="CapabilityResult"/>) and answers.jsonl.
/// </summary>
public sealed class ArcStage : IStage
{
    public string Name => "paper-arc";

    public void Run(StageContext ctx)
    {
        var s = ctx.Config<ArcSettings>("paper.arc");
        var multiplier = CapabilityConfigurations.SaeMultiplier(ctx);
        var constants = EvalConstants.Load(ctx.Dataset("eval_constants"));
        var (template, prefix) = (constants.String(ArcScoring.QuestionFormatName), constants.String(ArcScoring.AnswerPrefixName));
        var path = ctx.Dataset(s.Dataset);
        IReadOnlyList<ArcQuestion> all;
        try { all = path.EndsWith(".parquet", StringComparison.Ordinal) ? ArcParquet.Load(path) : ArcJsonl.Load(path); }
        catch (DataFormatException e) { throw new StageException("RSW367", $"paper.arc.dataset = {s.Dataset}: {e.Message}"); }
        if (s.Questions < 1 || s.Questions > all.Count) throw new StageException("RSW368", $"paper.arc.questions = {s.Questions}: {path} has {all.Count}.");
        var questions = all.Take(s.Questions).ToList();
        using var paper = PaperSubject.Load(ctx, withSaes: true);
        var sets = SetMaterial.Load(ctx.Upstream("paper-features"), EvaluationSets.HarmfulNames);
        var configs = CapabilityConfigurations.Of(sets);
        var generation = new Lazy<SequenceGeneration>(() => new SequenceGeneration(paper.Model, paper.Tokenizer, paper.StopIds));   // the weights load on the first miss
        var progress = ctx.Progress(configs.Count * questions.Count, "questions");
        var accuracy = new Dictionary<(string, string), double>();
        using var log = new StreamWriter(ctx.Output("answers.jsonl"));
        string User(ArcQuestion q) => ArcScoring.UserMessage(template, q.Question, q.Choices);
        foreach (var (method, set) in configs)
        {
            var factor = method.FeaturesOf is null ? 1.0 : multiplier;
            var what = $"{method.Describe(set?.Features, set?.DirectionKey ?? "")}\n{factor.ToString("R", CultureInfo.InvariantCulture)}";
            var decoded = ctx.Items.MapBatched(questions, q => $"arc\n{what}\n{paper.Chat.Render(User(q))}{prefix}", batch =>
            {
                using var hook = MethodHooks.Capability(paper, method, set, factor);
                return generation.Value.Complete(batch.Select(q => PromptContinuation.Encode(paper.Chat, User(q), prefix)).ToList(), 1);
            }, s.BatchSize, progress, ctx.Cancellation);
            var correct = questions.Zip(decoded, (q, d) => ArcScoring.IsCorrect(d, q.AnswerKey)).ToList();
            var key = (method.Name, CapabilityConfigurations.SetKey(set));
            accuracy[key] = correct.Count(x => x) / (double)correct.Count;
            for (var i = 0; i < questions.Count; i++)
                log.WriteLine(JsonSerializer.Serialize(new { method = method.Name, set = set?.Set, id = questions[i].Id, key = questions[i].AnswerKey, decoded = decoded[i], correct = correct[i] }));
            ctx.Log.WriteLine($"paper-arc: {key.Item1} {key.Item2}: accuracy {accuracy[key]:F3}");
        }
        var substitute = s.Dataset != "arc_challenge_test";
        CapabilityResult.Write(ctx, [CapabilityResult.From("arc", accuracy,
        [
            $"ARC: first {questions.Count} questions of {s.Dataset}" + (substitute ? " (llm-foundry's modified copy of ARC-Challenge test: a substitute, not comparable with the paper's ARC accuracy)" : "") +
            "; one greedy token after \"The best answer is (\", lower-cased and stripped, equal to the key (digit keys never match a letter).",
            CapabilityConfigurations.MultiplierNote(ctx, "ARC"),
        ])]);
    }
}
