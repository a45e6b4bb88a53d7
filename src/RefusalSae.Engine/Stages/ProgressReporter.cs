using System.Diagnostics;
using System.Globalization;

namespace RefusalSae.Engine.Stages;

/// <summary>
/// Prints `progress: STAGE 12/100 items, 3.1 items/s, ETA 0:00:28` at most once a second (and at the end);
/// the worker's stdout is forwarded to the build log by the MSBuild task.
/// </summary>
public sealed class ProgressReporter(TextWriter log, string stage, int total, string unit)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _lastPrint;
    private int _done;

    public int Done => _done;

    /// <summary>Marks <paramref name="count"/> more items done.</summary>
    public void Advance(int count = 1)
    {
        _done += count;
        var now = _clock.Elapsed;
        if (_done >= total || _lastPrint is null || now - _lastPrint >= TimeSpan.FromSeconds(1))
        {
            _lastPrint = now;
            log.WriteLine(Format(_done, total, now));
            log.Flush();
        }
    }

    internal string Format(int done, int all, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((all - done) / rate) : TimeSpan.Zero;
        return string.Create(CultureInfo.InvariantCulture,
            $"progress: {stage} {done}/{all} {unit}, {rate:0.0} {unit}/s, ETA {eta:h\\:mm\\:ss}");
    }
}
