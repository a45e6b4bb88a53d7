using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Paper.Evaluation;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.SideEffects;
using RefusalSae.Experiments.Stages.SideEffects.Alpaca;

namespace RefusalSae.Experiments.Stages.SideEffects;

/// <summary>
/// paper-ce (paper-method §6.6): the CE loss of every configuration (Base; AS ablation; CosSim, ActDiff, AP, Ours
/// multiplied by c) on the base model's Alpaca rollouts and, when a Pile dataset is configured, on Pile documents. Each
/// batch is cached. Output ce.json (two <see cref="CapabilityResult"/>s: alpaca_ce, pile_ce).
/// </summary>
public sealed class CeStage : IStage
{
    public string Name => "paper-ce";

    public void Run(StageContext ctx)
    {
        var s = ctx.Config<CeSettings>("paper.ce");
        var c = ctx.Config<double>("paper.jailbreak.clamp");
        var rollouts = Rollout.Read(ctx.Upstream("paper-rollouts"));
        using var paper = PaperSubject.Load(ctx, withSaes: true);
        var sets = SetMaterial.Load(ctx.Upstream("paper-features"), EvaluationSets.HarmfulNames);
        var configs = CapabilityConfigurations.Of(sets);
        var needed = PileSchedule.DocumentsNeeded(configs.Count, s.PileBatches, s.PileBatchSize, s.PileSharedIterator);
        var pile = s.PileDataset.Length == 0 ? null : PileJsonl.LoadHead(ctx.Dataset(s.PileDataset), needed);
        if (pile is not null && pile.Count < needed)
            throw new StageException("RSW365", $"{ctx.Dataset(s.PileDataset)}: {pile.Count} documents, the Pile schedule needs {needed}.");
        var alpacaBatches = rollouts.Chunk(s.AlpacaBatchSize).ToList();
        var progress = ctx.Progress(configs.Count * (alpacaBatches.Count + (pile is null ? 0 : s.PileBatches)), "batches");
        var alpaca = new Dictionary<(string, string), double>();
        var pileCe = new Dictionary<(string, string), double>();
        for (var k = 0; k < configs.Count; k++)
        {
            var (method, set) = configs[k];
            var what = $"{method.Describe(set?.Features, set?.DirectionKey ?? "")}\n{c.ToString("R", CultureInfo.InvariantCulture)}";
            using var hook = MethodHooks.Capability(paper, method, set, c);
            var a = alpacaBatches.Select(batch => Cached(ctx, progress, $"alpaca-ce\n{what}\n{Hash(batch.Select(r => paper.Chat.Render(r.Prompt) + r.Response))}",
                () => AlpacaBatch(paper, batch))).ToList();
            var key = (method.Name, CapabilityConfigurations.SetKey(set));
            alpaca[key] = CrossEntropy.Combine(a, s.PerToken);
            if (pile is not null)
            {
                var (start, count) = PileSchedule.Documents(k, s.PileBatches, s.PileBatchSize, s.PileSharedIterator);
                var p = pile.Skip(start).Take(count).Chunk(s.PileBatchSize).Select(docs => Cached(ctx, progress,
                    $"pile-ce\n{what}\n{s.PileMaxLength}\n{Hash(docs.Select(d => d.Text))}", () => PileBatch(paper, docs, s.PileMaxLength))).ToList();
                pileCe[key] = CrossEntropy.Combine(p, s.PerToken);
            }
            ctx.Log.WriteLine($"paper-ce: {key.Item1} {key.Item2}: Alpaca {alpaca[key]:F4}" + (pile is null ? "" : $", Pile {pileCe[key]:F4}"));
        }
        var norm = s.PerToken ? "per unmasked token (spec §9 #4 fixed)" : "per batch over all B·T entries, masked ones counting as 0, then the mean over batches (the paper, spec §9 #4)";
        var results = new List<CapabilityResult>
        {
            CapabilityResult.From("alpaca_ce", alpaca,
                [$"Alpaca CE: {rollouts.Count} base-model rollouts, batches of {s.AlpacaBatchSize}, the last label_len+1 positions kept; CE {norm}; SAE methods multiply by c = {c.ToString("G", CultureInfo.InvariantCulture)}."]),
            pile is null
                ? new CapabilityResult { Benchmark = "pile_ce", NotRun = "paper.ce.pile_dataset is empty (the Pile shard pile_uncopyrighted is not in the offline mirror; set it to run online)" }
                : CapabilityResult.From("pile_ce", pileCe,
                    [$"Pile CE: {s.PileBatches} batches of {s.PileBatchSize} documents, ≤ {s.PileMaxLength} tokens, last column masked; " +
                     (s.PileSharedIterator ? "one iterator across configurations, so each sees different documents (spec §9 #3, the paper)" : "every configuration reads the same documents (spec §9 #3 fixed)") + $"; CE {norm}."]),
        };
        CapabilityResult.Write(ctx, results);
    }

    /// <summary>render(prompt) + response, encoded jointly; the loss covers the response (label_len from encoding it alone).</summary>
    private static CeBatch AlpacaBatch(PaperSubject paper, IReadOnlyList<Rollout> batch) =>
        CeForward.Run(paper.Model, batch.Select(r => PromptContinuation.Encode(paper.Chat, r.Prompt, r.Response)).ToList(), paper.Tokenizer.PadId,
            mask => LossMasks.Alpaca(mask, batch.Select(r => PromptContinuation.EncodeText(paper.Chat, r.Response).Length).ToList()));

    private static CeBatch PileBatch(PaperSubject paper, IReadOnlyList<PileDocument> docs, int maxLength) =>
        CeForward.Run(paper.Model, docs.Select(d => PileTokens.Encode(paper.Chat, d.Text, maxLength)).ToList(), paper.Tokenizer.PadId, LossMasks.Pile);

    private static CeBatch Cached(StageContext ctx, ProgressReporter progress, string content, Func<CeBatch> compute)
    {
        var result = ctx.Items.GetOrCompute(content, compute);
        progress.Advance();
        return result;
    }

    private static string Hash(IEnumerable<string> texts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\u0001", texts))));
}
