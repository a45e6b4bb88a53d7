using System.Globalization;
using System.Text.Json;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Evaluation;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.Reporting;
using RefusalSae.Experiments.SideEffects;
using RefusalSae.Experiments.Stages.SideEffects.Alpaca;

namespace RefusalSae.Experiments.Stages.SideEffects;

/// <summary>
/// paper-induction (paper-method §6.5): greedy generations on the first N Alpaca prompts, substring-judged, under Base,
/// AS (V_R*(D) added at the best layer) and each SAE method's features set to each clamp value; per harmful set D and
/// averaged over the sets. Generations are cached per prompt. Outputs completions.jsonl, metrics.json,
/// induction.{md,csv,png,svg}.
/// </summary>
public sealed class InductionStage : IStage
{
    public string Name => "paper-induction";

    public void Run(StageContext ctx)
    {
        var s = ctx.Config<InductionSettings>("paper.induction");
        var prompts = AlpacaPrompts.Load(ctx, ctx.Config<AlpacaSettings>("paper.alpaca").SampleValSize, s.Prompts);
        var bestLayer = ctx.Config<int>("paper.features.best_layer");
        var paperModel = ctx.Config<string>("paper.jailbreak.paper_model");
        if (s.ClampValues.Count == 0) throw new StageException("RSW363", "paper.induction.clamp_values is empty: the SAE methods need at least one value.");
        var judge = SubstringJudge.Load(ctx.Dataset("eval_constants"));
        using var paper = PaperSubject.Load(ctx, withSaes: true);
        var sets = SetMaterial.Load(ctx.Upstream("paper-features"), EvaluationSets.HarmfulNames);
        var runs = new List<(SideEffectMethod Method, double? Value)> { (SideEffectMethod.Base, null), (SideEffectMethod.As, null) };
        runs.AddRange(SideEffectMethod.Sae.SelectMany(m => s.ClampValues.Select(v => (m, (double?)v))));
        var progress = ctx.Progress(sets.Count * runs.Count * prompts.Count, "generations");
        var rates = new Dictionary<InductionRun, double>();
        using var log = new StreamWriter(ctx.Output("completions.jsonl"));
        foreach (var set in sets)
            foreach (var (method, value) in runs)
            {
                var what = $"{method.Describe(set.Features, set.DirectionKey)}\n{value?.ToString("R", CultureInfo.InvariantCulture)}\n{bestLayer}";
                var responses = ctx.Items.MapBatched(prompts, p => $"induction\n{what}\n{s.MaxNewTokens}\n{paper.Chat.Render(p)}", batch =>
                {
                    using var hook = MethodHooks.Induction(paper, method, set, bestLayer, value ?? 0);
                    return paper.Generation.Complete(batch, s.MaxNewTokens);
                }, s.BatchSize, progress, ctx.Cancellation);
                var refused = responses.Select(judge.IsRefusal).ToList();
                rates[new InductionRun(method.Name, value, set.Set)] = refused.Count(r => r) / (double)refused.Count;
                for (var i = 0; i < responses.Count; i++)
                    log.WriteLine(JsonSerializer.Serialize(new { set = set.Set, method = method.Name, value, prompt = prompts[i], response = responses[i], refused = refused[i] }));
            }
        var scale = ActivationScale(ctx, paper, sets, prompts, s.BatchSize);
        var result = InductionResult.From(rates, sets.Select(x => x.Set).ToList(), s.ClampValues) with { ActivationScale = scale };
        ctx.Log.WriteLine("paper-induction: unclamped activation scale (median feature max): " + string.Join(", ", scale.Select(p => $"{p.Key} {p.Value:G3}")));
        foreach (var m in result.Methods)
            ctx.Log.WriteLine($"paper-induction: {m.Method}: " + string.Join(", ", m.Mean.Select(p => $"{p.Key} → {Table.Cell(p.Value)}")));
        InductionReport.Write(ctx.OutputDirectory, result, s, prompts.Count, paperModel);
    }

    /// <summary>
    /// Per SAE method, the median over its features of each feature's unclamped maximum on these prompts, averaged over
    /// the sets: the scale the clamp values should be read against. The maxima are a cached item per feature list, so a
    /// rerun that only renders never loads the model.
    /// </summary>
    private static Dictionary<string, double> ActivationScale(StageContext ctx, PaperSubject paper, IReadOnlyList<SetMaterial> sets, IReadOnlyList<string> prompts,
        int batchSize) =>
        SideEffectMethod.Sae.ToDictionary(m => m.Name, m => sets.Average(set =>
        {
            var features = m.FeaturesOf!(set.Features).Distinct().ToList();
            if (features.Count == 0) return double.NaN;
            var content = $"activation-scale\n{batchSize}\n{string.Join(" ", features)}\n{string.Join("\n", prompts.Select(paper.Chat.Render))}";
            var sorted = ctx.Items.GetOrCompute(content, () => Maxima(paper, features, prompts, batchSize)).Order().ToList();
            return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
        }));

    /// <summary>Each feature's maximum over the prompts' positions, in <paramref name="features"/> order.</summary>
    private static double[] Maxima(PaperSubject paper, IReadOnlyList<FeatureRef> features, IReadOnlyList<string> prompts, int batchSize)
    {
        var max = features.ToDictionary(f => f, _ => double.NegativeInfinity);
        foreach (var chunk in prompts.Chunk(batchSize))
        {
            var (ids, mask) = BatchEncoding.LeftPad(chunk.Select(paper.Encode).ToList(), paper.Tokenizer.PadId).ToTensors(paper.Model.Device);
            foreach (var (f, v) in FeatureScale.MaxActivations(paper.Model, paper.Saes, features, ids, mask)) max[f] = Math.Max(max[f], v);
            ids.Dispose();
            mask.Dispose();
        }
        return features.Select(f => max[f]).ToArray();
    }
}

/// <summary>One induction run: a method, its clamp value (null for Base and AS) and the harmful set it came from.</summary>
public readonly record struct InductionRun(string Method, double? Value, string Set);
