namespace RefusalSae.Engine.Building;

/// <summary>
/// Cross-process resource slots for running stages: one slot file per CPU slot and per GPU under the cache's
/// locks/slots/, each held open exclusively (the OS drops the hold when a process dies, so a killed build never leaks
/// a slot). A stage takes all its slots at once or none, then waits and retries, so stages of parallel builds and
/// parallel MSBuild nodes never oversubscribe the machine and never deadlock.
/// </summary>
public sealed class ResourceSlots : IDisposable
{
    private readonly List<FileStream> _held;

    private ResourceSlots(List<FileStream> held) => _held = held;

    /// <summary>The slots if they are all free now, else null (nothing held).</summary>
    public static ResourceSlots? TryAcquire(string dir, StageResources need, int cpuSlots)
    {
        Directory.CreateDirectory(dir);
        var cpus = Math.Min(need.CpuSlots, Math.Max(1, cpuSlots));
        var held = new List<FileStream>();
        var ok = need.Gpus.All(g => TryTake(Path.Combine(dir, $"gpu-{g}.slot"), held));
        for (var i = 0; ok && held.Count < need.Gpus.Count + cpus && i < cpuSlots; i++)
            TryTake(Path.Combine(dir, $"cpu-{i}.slot"), held);
        if (ok && held.Count == need.Gpus.Count + cpus) return new ResourceSlots(held);
        foreach (var f in held) f.Dispose();
        return null;
    }

    public static ResourceSlots Acquire(string dir, StageResources need, int cpuSlots, Action<string> onWait, CancellationToken cancel = default)
    {
        var waited = false;
        var delay = TimeSpan.FromMilliseconds(100);
        while (true)
        {
            if (TryAcquire(dir, need, cpuSlots) is { } slots) return slots;
            if (!waited) onWait($"waiting for {need.Describe()} (held by other running stages)");
            waited = true;
            cancel.WaitHandle.WaitOne(delay);
            cancel.ThrowIfCancellationRequested();
            delay = TimeSpan.FromMilliseconds(Math.Min(1000, delay.TotalMilliseconds * 2));
        }
    }

    private static bool TryTake(string path, List<FileStream> held)
    {
        try
        {
            held.Add(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            return true;
        }
        catch (IOException) { return false; }
    }

    public void Dispose()
    {
        foreach (var f in _held) f.Dispose();
        _held.Clear();
    }
}
