using System.Globalization;
using RefusalSae.Core.IO;
using RefusalSae.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Toy.Training;

/// <summary>
/// A resumable training checkpoint: weights (safetensors), AdamW state (TorchSharp's format) and the step log, written
/// into a fresh folder that is renamed into place last, so a kill mid-save leaves the previous checkpoint intact.
/// </summary>
public sealed class TrainingCheckpoint(string dir)
{
    private string Current => Path.Combine(dir, "current");

    public void Save(CausalLM model, TorchSharp.Modules.OptimizerHelper optimizer, int step, IReadOnlyList<TrainingStep> log)
    {
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, $"tmp-{step}-{Environment.ProcessId}");
        if (Directory.Exists(tmp)) Directory.Delete(tmp, true);
        Directory.CreateDirectory(tmp);
        SafeTensors.Save(Path.Combine(tmp, "weights.safetensors"),
            model.CheckpointParameters().ToDictionary(p => p.Name, p => (Tensor)p.Param));
        optimizer.save_state_dict(Path.Combine(tmp, "optimizer.bin"));
        File.WriteAllLines(Path.Combine(tmp, "log.csv"), log.Select(Format));
        File.WriteAllText(Path.Combine(tmp, "step.txt"), step.ToString(CultureInfo.InvariantCulture));
        var old = Path.Combine(dir, "old");
        if (Directory.Exists(old)) Directory.Delete(old, true);
        if (Directory.Exists(Current)) Directory.Move(Current, old);
        Directory.Move(tmp, Current);
        if (Directory.Exists(old)) Directory.Delete(old, true);
    }

    public bool TryLoad(CausalLM model, TorchSharp.Modules.OptimizerHelper optimizer, out int step, out List<TrainingStep> log)
    {
        step = 0;
        log = [];
        var stepFile = Path.Combine(Current, "step.txt");
        if (!File.Exists(stepFile)) return false;
        step = int.Parse(File.ReadAllText(stepFile), CultureInfo.InvariantCulture);
        var weights = SafeTensors.Load(Path.Combine(Current, "weights.safetensors"));
        using (torch.no_grad())
            foreach (var (name, p) in model.CheckpointParameters())
            {
                p.copy_(weights[name]);
                weights[name].Dispose();
            }
        optimizer.load_state_dict(Path.Combine(Current, "optimizer.bin"));
        log = File.ReadAllLines(Path.Combine(Current, "log.csv")).Select(Parse).ToList();
        Console.WriteLine($"resuming training at step {step} from {Current}");
        return true;
    }

    private static string Format(TrainingStep s) => string.Create(CultureInfo.InvariantCulture,
        $"{s.Step},{s.Loss:R},{s.LearningRate:R},{s.GradNorm:R},{s.Seconds:R}");

    private static TrainingStep Parse(string line)
    {
        var p = line.Split(',');
        double D(int i) => double.Parse(p[i], CultureInfo.InvariantCulture);
        return new TrainingStep(int.Parse(p[0], CultureInfo.InvariantCulture), D(1), D(2), D(3), D(4));
    }
}
