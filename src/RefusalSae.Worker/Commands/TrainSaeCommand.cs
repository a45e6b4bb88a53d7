using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefusalSae.Core.IO;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Saes.Training;
using RefusalSae.Worker.Cli;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Worker.Commands;

/// <summary>
/// `train-sae`: trains a TopK SAE on activations x F32 [N,D] and writes a SAELens folder plus metrics.json
/// (held-out fraction of variance explained, mean L0, dead-latent fraction).
/// </summary>
public sealed class TrainSaeCommand : IWorkerCommand
{
    public string Name => "train-sae";

    public string Usage =>
        "train-sae --in acts.safetensors --out DIR --hook NAME --k K [--d-sae S | --expansion 4] [--steps 2000]\n" +
        "          [--batch 256] [--lr 5e-3] [--seed 0] [--heldout h.safetensors | --heldout-fraction 0.1] [--threads 1]\n" +
        "          acts: tensor x F32 [N,D]. DIR gets cfg.json + sae_weights.safetensors (SAELens) and metrics.json.";

    public int Run(ArgReader args)
    {
        var inPath = args.Required("in");
        var outDir = args.Required("out");
        var hook = args.Required("hook");
        var k = args.Int("k", 0);
        var dSae = args.Int("d-sae", 0);
        var expansion = args.Int("expansion", 4);
        var steps = args.Int("steps", 2000);
        var batch = args.Int("batch", 256);
        var lr = args.Double("lr", 5e-3);
        var seed = args.Int("seed", 0);
        var heldPath = args.Optional("heldout");
        var heldFraction = args.Double("heldout-fraction", 0.1);
        var threads = args.Int("threads", 1);
        args.EnsureAllUsed();
        if (k < 1) throw new WorkerException("RSW501", "train-sae: --k (active latents per token, ≥ 1) is required.");
        if (heldPath is null && heldFraction is <= 0 or >= 1) throw new WorkerException("RSW504", "train-sae: --heldout-fraction must be in (0, 1).");
        if (threads > 0) torch.set_num_threads(threads);

        using var scope = NewDisposeScope();
        var x = ReadActivations(inPath);                                    // [N, D]
        Tensor train, held;
        if (heldPath is not null)
        {
            (train, held) = (x, ReadActivations(heldPath));
            if (held.shape[1] != x.shape[1]) throw new WorkerException("RSW512", $"{heldPath}: x has D={held.shape[1]}, the training activations D={x.shape[1]}.");
        }
        else
        {
            // A seeded shuffle before the split: activations usually arrive grouped by prompt.
            var perm = randperm(x.shape[0], generator: new Generator((ulong)seed + 1));
            var nHeld = Math.Max(1, (long)Math.Round(x.shape[0] * heldFraction));
            held = x.index_select(0, perm.narrow(0, 0, nHeld));
            train = x.index_select(0, perm.narrow(0, nHeld, x.shape[0] - nHeld));
        }
        var options = new TopKTrainingOptions
        {
            DSae = dSae > 0 ? dSae : expansion * (int)x.shape[1], K = k, HookName = hook,
            Steps = steps, BatchSize = batch, LearningRate = lr, Seed = seed,
        };
        var clock = Stopwatch.StartNew();
        using var sae = TopKSaeTrainer.Train(train, options, p => Console.WriteLine($"train-sae {hook}: {p}"));
        var seconds = clock.Elapsed.TotalSeconds;
        var m = SaeMetrics.Evaluate(sae, held);

        SaeLensWriter.Save(outDir, sae, new Dictionary<string, JsonNode?>
        {
            ["trainer"] = "RefusalSae TopK (AuxK 1/32, unit-norm decoder)",
            ["training_steps"] = steps, ["training_batch_size"] = batch, ["training_lr"] = lr, ["seed"] = seed,
            ["training_tokens"] = train.shape[0], ["source"] = Path.GetFileName(inPath),
        });
        var metrics = new JsonObject
        {
            ["hook_name"] = hook, ["d_in"] = sae.DModel, ["d_sae"] = sae.DSae, ["k"] = k,
            ["fraction_variance_explained"] = m.FractionVarianceExplained, ["mean_l0"] = m.MeanL0,
            ["dead_fraction"] = m.DeadFraction, ["heldout_tokens"] = m.Tokens, ["train_tokens"] = train.shape[0],
            ["train_seconds"] = Math.Round(seconds, 3),
        };
        File.WriteAllText(Path.Combine(outDir, "metrics.json"), metrics.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"train-sae {hook}: FVE {m.FractionVarianceExplained:F4}, mean L0 {m.MeanL0:F2}, dead {m.DeadFraction:P1} on {m.Tokens} held-out tokens ({seconds:F1} s) → {outDir}"));
        return 0;
    }

    private static Tensor ReadActivations(string path)
    {
        try
        {
            using var file = SafeTensorsFile.Open(path);
            if (!file.Contains("x")) throw new WorkerException("RSW511", $"{path}: no tensor 'x' (expected activations x F32 [N,D]).");
            var e = file.Entries["x"];
            if (e.DType != "F32" || e.Shape.Length != 2 || e.Shape[0] < 2)
                throw new WorkerException("RSW512", $"{path}: tensor 'x' is {e.DType} [{string.Join(",", e.Shape)}], expected F32 [N≥2,D].");
            return file.Read("x");
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            throw new WorkerException("RSW511", e.Message);
        }
    }
}
