using System.Security.Cryptography;
using System.Text.Json;
using RefusalSae.Core.IO;
using RefusalSae.Core.Tensors;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Paper;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>
/// paper-features: per harmful evaluation set, the refusal direction at every layer (harmful = the set's prompts,
/// harmless = the first |D| filtered harmless prompts), the cosine candidates, LA-IG per prompt (cached per prompt)
/// and the feature sets Ours, AP, CosSim, ActDiff and the random control. Outputs directions/{set}.safetensors
/// (directions [L, D], direction [D] = best layer) and features/{set}.json; with selection_split also split/{set}.json
/// (<see cref="Split.SplitFeatures"/>).
/// </summary>
public sealed class FeaturesStage : IStage
{
    public string Name => "paper-features";

    public void Run(StageContext ctx)
    {
        var eval = ctx.Config<PaperEvalSettings>("paper.eval");
        var s = ctx.Config<PaperFeaturesSettings>("paper.features");
        var filtered = FilteredPrompts.Load(ctx.Upstream("paper-filter"));
        using var paper = PaperSubject.Load(ctx, withSaes: true);
        var model = paper.Model;
        if (s.BestLayer < 0 || s.BestLayer >= model.Config.NumHiddenLayers)
            throw new StageException("RSW353", $"paper.features.best_layer = {s.BestLayer}: the model has layers 0..{model.Config.NumHiddenLayers - 1}.");
        var pad = paper.Tokenizer.PadId;
        var sets = PaperSubject.HarmfulSets(ctx, eval.PromptsPerSet);
        var widths = paper.Saes.ToDictionary(p => p.Key, p => p.Value.DSae);
        var options = s.LaIg;
        var progress = ctx.Progress(sets.Sum(x => x.Prompts.Count) * 2 + filtered.Harmless.Count, "prompts");

        var harmlessMax = ActMax(ctx, paper, filtered.Harmless, s.BatchSize, progress);
        foreach (var (name, prompts) in sets)
        {
            var texts = prompts.Select(p => p.Instruction).ToList();
            var harmless = filtered.Harmless.Take(texts.Count).ToList();
            using var scope = NewDisposeScope();
            var directions = RefusalDirection.DiffInMeans(model, texts.Select(paper.Encode).ToList(), harmless.Select(paper.Encode).ToList(), pad, s.BatchSize);  // [L, D]
            var best = directions[s.BestLayer];                                                          // [D]
            Directory.CreateDirectory(Path.Combine(ctx.OutputDirectory, "directions"));
            SafeTensors.Save(ctx.Output(Path.Combine("directions", $"{name}.safetensors")),
                new Dictionary<string, Tensor> { ["directions"] = directions.contiguous(), ["direction"] = best.contiguous() });
            var candidates = CosineCandidates.PerLayer(paper.Saes, best, s.CandidatesPerLayer);
            var key = $"{Hash(best)}\n{s.LaIgKey}\n{filtered.RefusalId}" + (s.SkipLeadingTokens == 1 ? "" : $"\nskip {s.SkipLeadingTokens}");

            var attributions = ctx.Items.MapBatched(texts, t => $"laig\n{key}\n{paper.Chat.Render(t)}", batch =>
            {
                using var batchScope = NewDisposeScope();
                var enc = BatchEncoding.LeftPad(batch.Select(paper.Encode).ToList(), pad);
                var (ids, mask) = enc.ToTensors(model.Device);
                using var result = LaIg.Attribute(model, paper.Saes, ids, mask, best, filtered.RefusalId, options);
                return Enumerable.Range(0, batch.Count).Select(b => PromptAttribution.FromBatch(result, enc.AttentionMask, b, candidates, s.SkipLeadingTokens)).ToList();
            }, s.BatchSize, progress, ctx.Cancellation);
            var harmfulMax = ActMax(ctx, paper, texts, s.BatchSize, progress);

            var oursGlobal = FeatureSets.OursGlobal(candidates, attributions, s.KStar);
            var selected = new SelectedFeatures
            {
                Set = name, Prompts = texts, JailbreakIds = attributions.Select(a => a.JailbreakId).ToList(), Candidates = candidates,
                OursLocal = FeatureSets.OursLocal(candidates, attributions, s.KStar), OursGlobal = oursGlobal,
                ApLocal = FeatureSets.ApLocal(attributions, s.KStar), ApGlobal = FeatureSets.ApGlobal(attributions, s.KStar),
                CosSim = CosineCandidates.Global(paper.Saes, best, s.KStar),
                ActDiff = FeatureSets.ActDiff(harmfulMax, harmlessMax, s.KStar),
                Random = FeatureSets.Random(oursGlobal, widths, s.RandomSeed),
                CandidateScores = candidates.Select((_, j) => (float)attributions.Average(a => a.Candidates[j])).ToList(),
            };
            Directory.CreateDirectory(Path.Combine(ctx.OutputDirectory, "features"));
            File.WriteAllText(SelectedFeatures.FileOf(ctx.OutputDirectory, name), JsonSerializer.Serialize(selected, SelectedFeatures.Json));
            ctx.Log.WriteLine($"paper-features: {name}: Ours global {string.Join(" ", oursGlobal.Take(8))} …; layers " +
                              string.Join(", ", oursGlobal.GroupBy(f => f.Layer).OrderBy(g => g.Key).Select(g => $"L{g.Key}×{g.Count()}")));
        }
        if (s.SelectionSplit)
            Split.SplitFeatures.Run(ctx, paper, sets.Select(x => (x.Name, (IReadOnlyList<string>)x.Prompts.Select(p => p.Instruction).ToList())).ToList(), filtered, s, harmlessMax);
    }

    internal static IReadOnlyList<IReadOnlyDictionary<int, float[]>> ActMax(StageContext ctx, PaperSubject paper, IReadOnlyList<string> texts, int batchSize,
        ProgressReporter progress) =>
        ctx.Items.MapBatched(texts, t => $"actmax\n{paper.Chat.Render(t)}", batch =>
        {
            using var scope = NewDisposeScope();
            var (ids, mask) = BatchEncoding.LeftPad(batch.Select(paper.Encode).ToList(), paper.Tokenizer.PadId).ToTensors(paper.Model.Device);
            return ActivationMax.PerPrompt(paper.Model, paper.Saes, ids, mask).Select(m => new LayerMaxima(m)).ToList();
        }, batchSize, progress, ctx.Cancellation).Select(m => m.Rows).ToList();

    private static string Hash(Tensor t) =>
        Convert.ToHexString(SHA256.HashData(MemoryMarshal(HostRead.Floats(t))))[..16];

    private static byte[] MemoryMarshal(float[] values)
    {
        var bytes = new byte[values.Length * 4];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
