using System.Text.Json;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Harm;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Stages.Paper;
using static TorchSharp.torch;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.Judges;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>
/// paper-probes (OOD probing, paper-method §7.4): logistic-regression probes on the last-token activations of the
/// common refusal features (from paper-categories), of as many random features, and of dense resid_post per layer;
/// trained on vanilla harmful vs harmless prompts, tested on held-out vanilla harmful prompts and on adversarial
/// prompts that jailbreak the model. Outputs probes.{md,csv}, metrics.json, data.jsonl.
/// </summary>
public sealed class ProbesStage : IStage
{
    public string Name => "paper-probes";

    public void Run(StageContext ctx)
    {
        var s = ctx.Config<PaperProbesSettings>("paper.probes");
        using var judge = JailbreakJudges.Load(ctx, s.Judge, "paper.probes.judge");
        var sets = CategorySets.Load(ctx.Upstream("paper-categories"));
        using var paper = PaperSubject.Load(ctx, withSaes: true);
        var refusal = sets.RefusalFeatures(s.RefusalFeaturesMinCategories);
        var random = LastTokenActivations.RandomFeatures(refusal.Count, paper.Saes.ToDictionary(p => p.Key, p => p.Value.DSae), s.Seed);
        var (train, val, test, scanned) = ProbeData.Load(ctx, paper, s, judge);
        ctx.Log.WriteLine($"paper-probes: {refusal.Count} refusal features {string.Join(" ", refusal)}; train {train.Count}, val {val.Count}, " +
                          $"test {test.Count(t => t.Group == ProbeData.Vanilla)} vanilla + {test.Count(t => t.Group == ProbeData.Adversarial)} adversarial (of {scanned} scanned)");

        var features = refusal.Concat(random).ToList();
        var all = train.Concat(val).Concat(test).Select(e => e.Prompt).ToList();
        var progress = ctx.Progress(all.Count, "prompts");
        var acts = ctx.Items.MapBatched(all, p => $"acts\n{string.Join(" ", features)}\n{paper.Chat.Render(p)}", batch =>
        {
            using var scope = NewDisposeScope();
            var (ids, mask) = BatchEncoding.LeftPad(batch.Select(paper.Encode).ToList(), paper.Tokenizer.PadId).ToTensors(paper.Model.Device);
            return LastTokenActivations.Read(paper.Model, paper.Saes, ids, mask, features);
        }, s.BatchSize, progress, ctx.Cancellation);
        var (aTrain, aVal, aTest) = (acts.Take(train.Count).ToList(), acts.Skip(train.Count).Take(val.Count).ToList(), acts.Skip(train.Count + val.Count).ToList());

        var options = new ProbeOptions { Steps = s.Steps, LearningRate = (float)s.LearningRate, Seed = s.Seed };
        ProbeFit Train(Func<LastTokenActivations, float[]> x) =>
            LogisticProbe.Train(aTrain.Select(x).ToList(), train.Select(e => e.Label).ToList(), aVal.Select(x).ToList(), val.Select(e => e.Label).ToList(), options);
        ProbeOutcome Fit(string name, Func<LastTokenActivations, float[]> x) =>
            x(aTrain[0]).Length == 0 ? ProbeOutcome.Empty(name) : ProbeOutcome.Test(name, Train(x), aTest.Select(x).ToList(), test);
        var k = refusal.Count;
        var outcomes = new List<ProbeOutcome>
        {
            Fit($"Refusal features ({k})", a => a.Features[..k]),
            Fit($"Random features ({k})", a => a.Features[k..]),
        };
        var layers = aTrain[0].Dense.Length;
        var denseFits = Enumerable.Range(0, layers).Select(l => Train(a => a.Dense[l])).ToList();
        var dense = denseFits.Select((fit, l) => ProbeOutcome.Test($"Dense resid_post, layer {l}", fit, aTest.Select(a => a.Dense[l]).ToList(), test)).ToList();
        var valAccuracy = dense.Select(d => double.IsNaN(d.BestVal) ? -1 : d.BestVal).ToList();
        var (probeLayer, actLayer) = DenseProbeLayer.Tested(valAccuracy, s.DenseTestOnLastLayer);
        outcomes.Add(ProbeOutcome.Test(probeLayer == actLayer ? $"Dense resid_post (layer {probeLayer}, the best val layer)"
            : $"Dense resid_post (best val layer {probeLayer}'s probe on layer {actLayer}'s activations, as the paper)",
            denseFits[probeLayer], aTest.Select(a => a.Dense[actLayer]).ToList(), test));
        ProbesReport.Write(ctx.OutputDirectory, outcomes, dense, s, refusal, scanned, judge.Name);
        using (var log = new StreamWriter(ctx.Output("data.jsonl")))
            foreach (var e in train.Concat(val).Concat(test)) log.WriteLine(JsonSerializer.Serialize(new { group = e.Group, label = e.Label, prompt = e.Prompt }));
        foreach (var o in outcomes) ctx.Log.WriteLine($"paper-probes: {o.Name}: test {Table(o.Overall)} (adversarial {Table(o.Adversarial)}, vanilla {Table(o.Vanilla)}), best val {Table(o.BestVal)}");
    }

    private static string Table(double v) => Reporting.Table.Cell(v, 2);
}

/// <summary>One probe's accuracies: test overall and per group, and the best validation accuracy.</summary>
public sealed record ProbeOutcome(string Name, double Overall, double Adversarial, double Vanilla, double BestVal, int BestStep)
{
    public static ProbeOutcome Empty(string name) => new(name, double.NaN, double.NaN, double.NaN, double.NaN, 0);

    public static ProbeOutcome Test(string name, ProbeFit fit, IReadOnlyList<float[]> x, IReadOnlyList<ProbeExample> test)
    {
        double Group(string? g)
        {
            var idx = Enumerable.Range(0, test.Count).Where(i => g is null || test[i].Group == g).ToList();
            return fit.Accuracy(idx.Select(i => x[i]).ToList(), idx.Select(i => test[i].Label).ToList());
        }
        return new(name, Group(null), Group(ProbeData.Adversarial), Group(ProbeData.Vanilla), fit.BestValAccuracy, fit.BestStep);
    }
}
