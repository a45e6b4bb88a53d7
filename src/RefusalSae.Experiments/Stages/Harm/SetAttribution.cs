using System.Security.Cryptography;
using RefusalSae.Core.Tensors;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Stages.Paper;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>
/// The §4.1 selection for one prompt set, as §4.2/§4.3 reuse it (paper-method §4.7): the direction of the set against
/// the first |D| filtered harmless prompts, the best-layer cosine candidates, LA-IG per prompt (per-item cache, keyed
/// by direction, settings and rendered prompt) and Ours' local and global sets.
/// </summary>
public sealed record SetAttribution(float[] Direction, IReadOnlyList<FeatureRef> Candidates, IReadOnlyList<PromptAttribution> Prompts,
    IReadOnlyList<float[][]> Positions, IReadOnlyList<IReadOnlyList<FeatureRef>> Local, IReadOnlyList<FeatureRef> Global)
{
    public static SetAttribution Compute(StageContext ctx, PaperSubject paper, IReadOnlyList<string> texts, IReadOnlyList<string> harmlessPool,
        PaperFeaturesSettings s, long refusalId, ProgressReporter progress)
    {
        var model = paper.Model;
        if (s.BestLayer < 0 || s.BestLayer >= model.Config.NumHiddenLayers)
            throw new StageException("RSW353", $"paper.features.best_layer = {s.BestLayer}: the model has layers 0..{model.Config.NumHiddenLayers - 1}.");
        if (harmlessPool.Count < texts.Count)
            ctx.Log.WriteLine($"warning: {texts.Count} prompts but only {harmlessPool.Count} filtered harmless ones for the direction.");
        var pad = paper.Tokenizer.PadId;
        using var scope = NewDisposeScope();
        var directions = RefusalDirection.DiffInMeans(model, texts.Select(paper.Encode).ToList(),
            harmlessPool.Take(texts.Count).Select(paper.Encode).ToList(), pad, s.BatchSize);            // [L, D]
        var best = directions[s.BestLayer];                                                           // [D]
        var direction = HostRead.Floats(best);
        var candidates = CosineCandidates.PerLayer(paper.Saes, best, s.CandidatesPerLayer);
        var options = s.LaIg;
        var key = $"{Hash(direction)}\n{s.LaIgKey}\n{refusalId}" + (s.SkipLeadingTokens == 1 ? "" : $"\nskip {s.SkipLeadingTokens}");
        var items = ctx.Items.MapBatched(texts, t => $"laig+positions\n{key}\n{paper.Chat.Render(t)}", batch =>
        {
            using var batchScope = NewDisposeScope();
            var enc = BatchEncoding.LeftPad(batch.Select(paper.Encode).ToList(), pad);
            var (ids, mask) = enc.ToTensors(model.Device);
            using var result = LaIg.Attribute(model, paper.Saes, ids, mask, best, refusalId, options);
            return Enumerable.Range(0, batch.Count)
                .Select(b => new AttributedPrompt(PromptAttribution.FromBatch(result, enc.AttentionMask, b, candidates, s.SkipLeadingTokens),
                    PerPosition(result, enc.AttentionMask, b, candidates, s.SkipLeadingTokens)))
                .ToList();
        }, s.BatchSize, progress, ctx.Cancellation);
        var prompts = items.Select(i => i.Attribution).ToList();
        return new SetAttribution(direction, candidates, prompts, items.Select(i => i.Positions).ToList(),
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

    internal sealed record AttributedPrompt(PromptAttribution Attribution, float[][] Positions);

    private static string Hash(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return Convert.ToHexString(SHA256.HashData(bytes))[..16];
    }
}
