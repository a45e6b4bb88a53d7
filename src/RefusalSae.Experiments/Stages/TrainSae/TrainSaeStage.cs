using System.Text.Json;
using RefusalSae.Core.Hooks;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Saes.Training;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Reporting;
using RefusalSae.Experiments.Stages.ToyCorpus;
using RefusalSae.Experiments.Stages.TrainModel;
using RefusalSae.Experiments.Toy.Corpus;
using RefusalSae.Experiments.Toy.Model;
using RefusalSae.Experiments.Toy.Saes;
using RefusalSae.Experiments.Toy.Training;
using TorchSharp;

namespace RefusalSae.Experiments.Stages.TrainSae;

/// <summary>
/// train-sae: one TopK SAE per layer on the organism's resid_post, trained on activations of training conversations,
/// saved as SAELens folders saes/layer_{L} (read back by the same loader as Gemma Scope and Llama Scope), with
/// held-out fraction of variance explained, L0, dead latents and the CE increase when spliced in.
/// TopK rather than JumpReLU: L0 is fixed by construction, so a CPU-sized run needs no sparsity-coefficient search.
/// With toy.sae.layout gemma-scope or llama-scope the folders hold the SAE converted to JumpReLU in that release's
/// layout instead (the paper configurations' loaders), and the log gives the converted SAE's held-out FVE and L0.
/// </summary>
public sealed class TrainSaeStage : IStage
{
    public string Name => "train-sae";

    public void Run(StageContext ctx)
    {
        var s = ctx.Config<TrainSaeSettings>("toy.sae");
        ToySaeLayout layout;
        try { layout = ToySaeLayouts.Parse(s.Layout); }
        catch (ArgumentException e) { throw new StageException("RSW385", e.Message); }
        var maxLength = ctx.ConfigJson["toy"]!["train"]!["max_length"]!.GetValue<int>();   // the length the organism was trained at
        // The training is an item: its key covers only the code the training reaches, so a change to the table below
        // reruns the rendering from the stored SAEs and metrics, never the training.
        ctx.Items.FilesInto("trained SAEs", dir => Train(ctx, s, layout, maxLength, dir), ctx.OutputDirectory);
        var metrics = JsonSerializer.Deserialize<SaeLayerMetrics[]>(File.ReadAllText(ctx.Output(MetricsFile)))!;
        var rows = metrics.Select(m => (IReadOnlyList<string>)[m.Layer.ToString(), m.DSae.ToString(), s.K.ToString(),
            Table.Cell(m.FractionVarianceExplained), Table.Cell(m.MeanL0, 1), Table.Percent(m.DeadFraction), Table.Cell(m.CleanCe, 4),
            Table.Cell(m.SplicedCe, 4), Table.Cell(m.SplicedCe - m.CleanCe, 4), m.FractionVarianceExplained >= s.MinVarianceExplained ? "yes" : "NO"]).ToList();
        var heldOut = metrics.Length == 0 ? 0 : metrics[0].HeldOutConversations;
        TableWriter.Write(new Table("Toy SAEs on held-out activations (one TopK SAE per layer, resid_post)",
            ["layer", "d_sae", "k", "variance explained", "mean L0", "dead latents (%)", "clean CE", "spliced CE", "CE increase",
             $"FVE ≥ {s.MinVarianceExplained}"], rows)
        {
            Notes = [$"{heldOut} held-out conversations; CE is next-token cross-entropy on response tokens."],
        }, ctx.OutputDirectory, "sae_metrics");
    }

    private const string MetricsFile = "sae_layers.json";

    private static void Train(StageContext ctx, TrainSaeSettings s, ToySaeLayout layout, int maxLength, string dir)
    {
        using var toy = ToyModelFolder.Load(TrainModelOutput.ModelFolder(ctx.Upstream("train-model")));
        var examples = ToyCorpusOutput.Read(ctx.Upstream("toy-corpus")).Take(s.Conversations).ToList();
        var sequences = ToySequences.Encode(toy.Chat, examples, maxLength, toy.Architecture.EndOfTurn);
        var heldOut = Math.Max(1, (int)(sequences.Count * s.HeldOutFraction));
        var train = sequences.Take(sequences.Count - heldOut).ToList();
        var test = sequences.Skip(sequences.Count - heldOut).ToList();
        var pad = toy.Tokenizer.PadId;

        var trainActs = ResidualActivations.Collect(toy.Model, train, maxLength, pad, 32);
        var testActs = ResidualActivations.Collect(toy.Model, test, maxLength, pad, 32);
        var cleanCe = SplicedLoss.CrossEntropy(toy.Model, test, maxLength, pad, 32);
        ctx.Log.WriteLine($"train-sae: {trainActs[0].shape[0]} training and {testActs[0].shape[0]} held-out tokens per layer; clean CE {cleanCe:F4}");

        var layers = trainActs.Length;
        var progress = ctx.Progress(layers * s.Steps, "steps");
        var metrics = new List<SaeLayerMetrics>();
        for (var layer = 0; layer < layers; layer++)
        {
            var options = new TopKTrainingOptions
            {
                DSae = s.Expansion * (int)toy.Model.Config.HiddenSize, K = s.K, HookName = HookName.ResidPost(layer),
                Steps = s.Steps, BatchSize = s.BatchSize, LearningRate = s.LearningRate, Seed = s.Seed + layer,
            };
            var before = layer * s.Steps;
            using var sae = TopKSaeTrainer.Train(trainActs[layer], options, p => progress.Advance(Math.Max(0, before + p.Step - progress.Done)));
            var m = SaeMetrics.Evaluate(sae, testActs[layer]);
            var spliced = SplicedLoss.CrossEntropy(toy.Model, test, maxLength, pad, 32, sae);
            var layerDir = TrainSaeOutput.SaeFolder(dir, layer);
            Directory.CreateDirectory(layerDir);
            Save(ctx, layout, layerDir, sae, trainActs[layer], testActs[layer]);
            metrics.Add(new SaeLayerMetrics(layer, options.DSae, m.FractionVarianceExplained, m.MeanL0, m.DeadFraction, cleanCe, spliced, heldOut));
            ctx.Log.WriteLine($"train-sae: layer {layer}: FVE {m.FractionVarianceExplained:F3}, L0 {m.MeanL0:F1}, dead {m.DeadFraction:P1}, CE {cleanCe:F4} → {spliced:F4}");
        }
        foreach (var t in trainActs.Concat(testActs)) t.Dispose();
        File.WriteAllText(Path.Combine(dir, MetricsFile), JsonSerializer.Serialize(metrics));
    }

    private static void Save(StageContext ctx, ToySaeLayout layout, string folder, TopKSae sae, TorchSharp.torch.Tensor train, TorchSharp.torch.Tensor test)
    {
        if (layout == ToySaeLayout.SaeLens)
        {
            SaeLensWriter.Save(folder, sae);
            return;
        }
        using var jump = TopKToJumpRelu.Convert(sae, train);
        var m = SaeMetrics.Evaluate(jump, test);
        ctx.Log.WriteLine($"train-sae: {sae.HookName} as JumpReLU ({layout}): FVE {m.FractionVarianceExplained:F3}, L0 {m.MeanL0:F1}");
        if (layout == ToySaeLayout.GemmaScope) GemmaScopeWriter.Save(folder, jump);
        else
        {
            using var noGrad = TorchSharp.torch.no_grad();
            using var norms = train.norm(1);                                  // [N]
            LlamaScopeWriter.Save(folder, jump, norms.mean().cpu().item<float>(), sae.K);
        }
    }
}

/// <summary>One SAE's held-out metrics (sae_metrics.json), what the table is rendered from.</summary>
public sealed record SaeLayerMetrics(int Layer, int DSae, double FractionVarianceExplained, double MeanL0, double DeadFraction,
    double CleanCe, double SplicedCe, int HeldOutConversations);
