using System.Diagnostics;
using System.Globalization;

namespace RefusalSae.Engine.Datasets.Download;

/// <summary>
/// `progress: download ID 512.0/2048.0 MB, 21.3 MB/s, ETA 0:01:12` at most once a second and at the end: the same
/// `progress: ` line the stages print (<see cref="Stages.ProgressReporter"/>), which the MSBuild task shows as the
/// node's live status. The rate counts this session's bytes only, so a resumed download's ETA is honest.
/// </summary>
public sealed class ByteProgress(Action<string> write, string label, long resumedFrom, long? total)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly long _start = resumedFrom;
    private TimeSpan? _lastPrint;

    public long Done { get; private set; } = resumedFrom;

    public void Advance(long bytes, bool final = false)
    {
        Done += bytes;
        var now = _clock.Elapsed;
        if (!final && _lastPrint is not null && now - _lastPrint < TimeSpan.FromSeconds(1)) return;
        _lastPrint = now;
        write(Format(now));
    }

    internal string Format(TimeSpan elapsed)
    {
        const double MB = 1024 * 1024;
        var rate = elapsed.TotalSeconds > 0 ? (Done - _start) / elapsed.TotalSeconds : 0;
        var of = total is { } t ? string.Create(CultureInfo.InvariantCulture, $"{Done / MB:0.0}/{t / MB:0.0} MB") : string.Create(CultureInfo.InvariantCulture, $"{Done / MB:0.0} MB");
        var eta = total is { } all && rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, all - Done) / rate) : (TimeSpan?)null;
        return string.Create(CultureInfo.InvariantCulture,
            $"progress: download {label} {of}, {rate / MB:0.0} MB/s{(eta is { } e ? $", ETA {e:h\\:mm\\:ss}" : "")}");
    }
}
