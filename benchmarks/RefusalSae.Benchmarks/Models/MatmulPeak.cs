using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Benchmarks.Models;

/// <summary>This machine's dense matmul throughput, the denominator of every model figure (GFLOP/s = 2n³/t, median).</summary>
public static class MatmulPeak
{
    public static double GflopsPerSecond(ScalarType dtype, int n = 2048, int reps = 5)
    {
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var a = torch.randn(n, n).to_type(dtype);
        var b = torch.randn(n, n).to_type(dtype);
        a.matmul(b).Dispose();                                                          // warm-up
        var times = new List<double>();
        for (var i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            a.matmul(b).Dispose();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / Timing.Median(times) / 1e9;
    }
}

/// <summary>Peak matmul throughput in f32 and bf16.</summary>
public sealed class MatmulPeakBenchmark : IBenchmark
{
    public string Name => "matmul-peak";
    public string Description => "2048² GEMM GFLOP/s in f32 and bf16 (the peak the model benchmarks divide by)";

    public int Run(string[] args)
    {
        Console.WriteLine($"threads {torch.get_num_threads()}");
        foreach (var dt in new[] { ScalarType.Float32, ScalarType.BFloat16 })
            Console.WriteLine($"{dt,-9} {MatmulPeak.GflopsPerSecond(dt):F1} GFLOP/s");
        return 0;
    }
}
