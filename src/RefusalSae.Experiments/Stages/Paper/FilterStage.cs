using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Evaluation;
using RefusalSae.Experiments.Paper.Subject;

namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>
/// paper-filter: keeps the harmful training prompts whose greedy first token is the refusal token and the harmless
/// ones whose first token is not (paper-method §0 step 2). Output: filtered.json.
/// </summary>
public sealed class FilterStage : IStage
{
    public string Name => "paper-filter";

    public void Run(StageContext ctx)
    {
        var eval = ctx.Config<PaperEvalSettings>("paper.eval");
        var s = ctx.Config<PaperFilterSettings>("paper.filter");
        using var paper = PaperSubject.Load(ctx, withSaes: false);
        var refusalId = RefusalToken.Resolve(paper.Chat, eval.RefusalToken);
        var pad = paper.Tokenizer.PadId;
        var (harmful, harmless) = Candidates(ctx, s);
        var harmfulFirst = FirstTokens.Greedy(paper.Model, harmful.Select(paper.Encode).ToList(), pad, s.BatchSize);
        var harmlessFirst = FirstTokens.Greedy(paper.Model, harmless.Select(paper.Encode).ToList(), pad, s.BatchSize);
        var keptHarmful = FirstTokens.Keep(harmfulFirst, refusalId, harmful: true).Select(i => harmful[i]).ToList();
        var keptHarmless = FirstTokens.Keep(harmlessFirst, refusalId, harmful: false).Select(i => harmless[i]).ToList();
        var result = new FilteredPrompts(refusalId, paper.Tokenizer.Decode([refusalId], skipSpecialTokens: false), keptHarmful, keptHarmless);
        File.WriteAllText(ctx.Output(FilteredPrompts.File), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        ctx.Log.WriteLine($"paper-filter: refusal token {refusalId} \"{result.RefusalToken}\"; kept {keptHarmful.Count}/{harmful.Count} harmful, " +
                          $"{keptHarmless.Count}/{harmless.Count} harmless");
        if (keptHarmless.Count == 0) throw new StageException("RSW351", "paper-filter: no harmless prompt left (the model starts every answer with the refusal token).");
    }

    /// <summary>
    /// The prompts screened: the first N of each train split, or (selection: paper_sample) the paper's
    /// <c>load_refusal_datasets(128, 32)</c> random.sample indices, in sampled order, cut to N.
    /// </summary>
    private static (List<string> Harmful, List<string> Harmless) Candidates(StageContext ctx, PaperFilterSettings s)
    {
        var harmfulTrain = RefusalDirectionJson.Load(ctx.Dataset("harmful_train"));
        var harmlessTrain = RefusalDirectionJson.Load(ctx.Dataset("harmless_train"));
        switch (s.Selection)
        {
            case "first":
                return ([.. harmfulTrain.Take(s.Harmful).Select(p => p.Instruction)], [.. harmlessTrain.Take(s.Harmless).Select(p => p.Instruction)]);
            case "paper_sample":
                var sample = RefusalSamples.Load(ctx.Dataset("refusal_samples"))[32];
                return ([.. RefusalSample.Select(harmfulTrain, sample.HarmfulTrain).Take(s.Harmful).Select(p => p.Instruction)],
                        [.. RefusalSample.Select(harmlessTrain, sample.HarmlessTrain).Take(s.Harmless).Select(p => p.Instruction)]);
            default:
                throw new StageException("RSW359", $"paper.filter.selection: '{s.Selection}' is not one of first, paper_sample.");
        }
    }
}

/// <summary>paper-filter's output.</summary>
public sealed record FilteredPrompts(int RefusalId, string RefusalToken, IReadOnlyList<string> Harmful, IReadOnlyList<string> Harmless)
{
    public const string File = "filtered.json";

    public static FilteredPrompts Load(string dir) =>
        JsonSerializer.Deserialize<FilteredPrompts>(System.IO.File.ReadAllText(Path.Combine(dir, File)))
        ?? throw new StageException("RSW352", $"{Path.Combine(dir, File)}: empty.");
}
