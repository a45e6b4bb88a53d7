using RefusalSae.Core.Tensors;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Paper.Subject;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper.Selection;

/// <summary>
/// The §4.1 refusal-feature selection for one prompt set (paper-method §4), written once for every stage that selects:
/// the set's direction and cosine candidates (<see cref="SetDirection"/>), LA-IG per prompt (per-item cache, keyed by
/// direction, settings and rendered prompt) and Ours' local and global sets. paper-features adds the baselines; §4.2
/// and §4.3 use Ours' sets and, for the suffix analysis, the per-position attributions.
/// </summary>
public sealed record SetAttribution(SetDirection Direction, IReadOnlyList<PromptAttribution> Prompts,
    IReadOnlyList<float[][]>? Positions, IReadOnlyList<IReadOnlyList<FeatureRef>> Local, IReadOnlyList<FeatureRef> Global)
{
    public IReadOnlyList<FeatureRef> Candidates => Direction.Candidates;

    /// <param name="positions">also keep each candidate's attribution at each position (the §4.3b clamp starts).</param>
    public static SetAttribution Compute(StageContext ctx, PaperSubject paper, IReadOnlyList<string> texts, IReadOnlyList<string> harmlessPool,
        PaperFeaturesSettings s, long refusalId, ProgressReporter progress, bool positions = true)
    {
        if (s.BestLayer < 0 || s.BestLayer >= paper.Config.NumHiddenLayers)
            throw new StageException("RSW353", $"paper.features.best_layer = {s.BestLayer}: the model has layers 0..{paper.Config.NumHiddenLayers - 1}.");
        if (harmlessPool.Count < texts.Count)
            ctx.Log.WriteLine($"warning: {texts.Count} prompts but only {harmlessPool.Count} filtered harmless ones for the direction.");
        var direction = SetDirection.Of(ctx.Items, paper, texts, harmlessPool, s);
        var candidates = direction.Candidates;
        var key = $"{SetDirection.Key(direction.Best)}\n{s.LaIgKey}\n{refusalId}" + (s.SkipLeadingTokens == 1 ? "" : $"\nskip {s.SkipLeadingTokens}");
        var items = ctx.Items.MapBatched(texts, t => $"{(positions ? "laig+positions" : "laig")}\n{key}\n{paper.Chat.Render(t)}", batch =>
        {
            using var batchScope = NewDisposeScope();
            var model = paper.Model;
            var enc = BatchEncoding.LeftPad(batch.Select(paper.Encode).ToList(), paper.Tokenizer.PadId);
            var (ids, mask) = enc.ToTensors(model.Device);
            using var result = LaIg.Attribute(model, paper.Saes, ids, mask, direction.BestTensor(model.Device), refusalId, s.LaIg);
            return Enumerable.Range(0, batch.Count)
                .Select(b => new AttributedPrompt(PromptAttribution.FromBatch(result, enc.AttentionMask, b, candidates, s.SkipLeadingTokens),
                    positions ? PerPosition(result, enc.AttentionMask, b, candidates, s.SkipLeadingTokens) : null))
                .ToList();
        }, s.BatchSize, progress, ctx.Cancellation);
        var prompts = items.Select(i => i.Attribution).ToList();
        return new SetAttribution(direction, prompts, positions ? items.Select(i => i.Positions!).ToList() : null,
            FeatureSets.OursLocal(candidates, prompts, s.KStar), FeatureSets.OursGlobal(candidates, prompts, s.KStar));
    }

    /// <summary>
    /// One prompt's attribution of each candidate at each real position after the first <paramref name="skip"/> ([C][T'],
    /// the positions §4.3b clamps from: the paper's find_features 'input', ids from p_b on).
    /// </summary>
    private static float[][] PerPosition(LaIgResult result, long[,] attentionMask, int b, IReadOnlyList<FeatureRef> candidates, int skip)
    {
        var t = attentionMask.GetLength(1);
        var start = Math.Min(t, Enumerable.Range(0, t).FirstOrDefault(i => attentionMask[b, i] != 0, t) + skip);
        using var scope = NewDisposeScope();
        var rows = result.Attrs.ToDictionary(p => p.Key, p => p.Value.select(0, b).slice(0, start, t, 1).t().contiguous());   // [S, T']
        return candidates.Select(c => HostRead.Floats(rows[c.Layer][c.Index])).ToArray();
    }

    /// <summary>One prompt's cached LA-IG result; <see cref="Positions"/> only where the caller asked for them.</summary>
    internal sealed record AttributedPrompt(PromptAttribution Attribution, float[][]? Positions);

}
