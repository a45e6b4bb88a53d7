using System.Diagnostics;
using RefusalSae.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Benchmarks.Models;

/// <summary>
/// Peak resident memory while loading a bf16 checkpoint, over the file size. Writes a random gemma-2-2b-shaped
/// checkpoint with 8 layers (2.4 GB) to a temporary folder, loads it as bf16 in a fresh child process (so the
/// writer's memory does not count) and reads that process's VmHWM; deletes the folder afterwards.
/// Args: [--layers N] [--dir PATH]; `load-memory --child DIR` is the child.
/// </summary>
public sealed class LoadMemoryBenchmark : IBenchmark
{
    public string Name => "load-memory";
    public string Description => "peak RSS while loading a generated multi-GB bf16 checkpoint, as a multiple of its file size";

    public int Run(string[] args)
    {
        if (args.Length == 2 && args[0] == "--child") return Child(args[1]);
        var layers = int.Parse(args.SkipWhile(a => a != "--layers").Skip(1).FirstOrDefault() ?? "8");
        var root = args.SkipWhile(a => a != "--dir").Skip(1).FirstOrDefault() ?? Path.GetTempPath();
        var folder = Path.Combine(root, $"rsw-load-memory-{Environment.ProcessId}");
        try
        {
            var sw = Stopwatch.StartNew();
            var size = RandomCheckpoint.Write(ModelConfig.Gemma2_2b(layers), folder);
            Console.WriteLine($"wrote {size / 1e9:F2} GB bf16 checkpoint (gemma-2-2b shapes, {layers} layers) in {sw.Elapsed.TotalSeconds:F1} s");
            var exe = Environment.ProcessPath!;
            var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true };
            if (Path.GetFileNameWithoutExtension(exe) == "dotnet") psi.ArgumentList.Add(typeof(Program).Assembly.Location);
            foreach (var a in new[] { Name, "--child", folder }) psi.ArgumentList.Add(a);
            using var child = Process.Start(psi)!;
            var report = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            Console.Write(report);
            var fields = report.Split('\n').First(l => l.StartsWith("rss", StringComparison.Ordinal)).Split(' ');
            var baseline = long.Parse(fields[1]);
            var peak = long.Parse(fields[2]);
            Console.WriteLine($"peak RSS {peak / 1e9:F2} GB = {(double)peak / size:F3} x file size; "
                + $"above the process baseline ({baseline / 1e9:F2} GB before loading): {(double)(peak - baseline) / size:F3} x");
            return child.ExitCode;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static int Child(string folder)
    {
        using (torch.ones(1)) { }                                                      // load libtorch before the baseline
        var baseline = Kb("VmRSS");
        var sw = Stopwatch.StartNew();
        using var model = ModelLoader.Load(folder, ScalarType.BFloat16, torch.CPU);
        var seconds = sw.Elapsed.TotalSeconds;
        var bytes = model.Parameters().Sum(p => p.NumberOfElements * p.ElementSize);
        Console.WriteLine($"loaded {bytes / 1e9:F2} GB of bf16 parameters in {seconds:F1} s");
        Console.WriteLine($"rss {baseline} {Kb("VmHWM")}");
        return 0;
    }

    /// <summary>A /proc/self/status field in bytes.</summary>
    private static long Kb(string field) =>
        1024 * long.Parse(File.ReadLines("/proc/self/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
}
