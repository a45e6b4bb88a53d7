using System.Diagnostics;

namespace RefusalSae.Benchmarks.Models;

/// <summary>Median of repeated timings after one warm-up run.</summary>
public static class Timing
{
    public static double Median(IReadOnlyList<double> xs)
    {
        var s = xs.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
    }

    public static double MedianSeconds(Action run, int reps)
    {
        run();
        var times = new List<double>();
        for (var i = 0; i < reps; i++)
        {
            var sw = Stopwatch.StartNew();
            run();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        return Median(times);
    }
}
