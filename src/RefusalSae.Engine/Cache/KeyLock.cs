using System.Text.Json;

namespace RefusalSae.Engine.Cache;

/// <summary>
/// A per-key lock held by the process that computes, as an operating-system lock on the lock file: .NET opens a
/// file with FileShare.None through flock(LOCK_EX | LOCK_NB) on Linux, and the kernel drops that lock when the
/// process exits or dies, however it dies. So a lock is never held by a dead process and never taken from a live
/// one: there is no pid to check and nothing to reclaim. On NFS the Linux client turns flock into fcntl byte-range
/// locks, which NFSv4 keeps on the server with leases (a crashed client's lock lapses when its lease expires), so
/// builds on several machines sharing one cache folder exclude each other too; a pid would mean nothing there.
/// (Setting DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns this off; the workflow must not run with it.)
/// The lock file itself stays (deleting it would let a waiter lock an unlinked inode); beside it, KEY.lock.owner
/// names the holder for the messages of those who wait.
/// </summary>
public sealed class KeyLock : IDisposable
{
    public sealed record Owner(int Pid, string Host, DateTimeOffset Since, string Build = "");

    private readonly FileStream _stream;
    private readonly string _ownerPath;

    private KeyLock(FileStream stream, string ownerPath) { _stream = stream; _ownerPath = ownerPath; }

    /// <summary>This process's identity in owner files and manifests: host, pid and start, unique across machines.</summary>
    public static string ThisBuild { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{DateTimeOffset.UtcNow:yyyyMMddTHHmmss.fffZ}";

    /// <summary>Waits for the lock (reporting its holder once), up to <paramref name="timeout"/> (default 12 h).</summary>
    public static KeyLock Acquire(string path, Action<string> warn, TimeSpan? timeout = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromHours(12));
        var waited = false;
        while (true)
        {
            if (TryAcquire(path) is { } held) return held;
            var owner = Read(path);
            if (DateTime.UtcNow > deadline)
                throw new WorkflowException("RSW401", $"timed out waiting for lock {path}{Describe(owner)}");
            if (!waited) { warn($"waiting for lock {path}{Describe(owner)}"); waited = true; }
            cancellation.WaitHandle.WaitOne(200);
            cancellation.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The lock if nobody holds it now, else null.</summary>
    public static KeyLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        FileStream stream;
        try { stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
        catch (IOException) { return null; }   // EWOULDBLOCK: another process holds it
        var ownerPath = path + ".owner";
        AtomicFile.WriteAllText(ownerPath, JsonSerializer.Serialize(new Owner(Environment.ProcessId, Environment.MachineName, DateTimeOffset.UtcNow, ThisBuild), Json.Options));
        return new KeyLock(stream, ownerPath);
    }

    /// <summary>True when some process holds the lock at <paramref name="path"/> right now.</summary>
    public static bool IsHeld(string path)
    {
        if (!File.Exists(path)) return false;
        using var probe = TryAcquire(path);
        return probe is null;
    }

    /// <summary>The last holder recorded beside the lock (it may have finished since), or null.</summary>
    public static Owner? Read(string path)
    {
        try { return JsonSerializer.Deserialize<Owner>(File.ReadAllText(path + ".owner"), Json.Options); }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException) { return null; }
    }

    private static string Describe(Owner? o) => o is null ? "" : $" held by process {o.Pid} on {o.Host} since {o.Since:u}";

    public void Dispose()
    {
        try { File.Delete(_ownerPath); } catch (IOException) { /* informational only */ }
        _stream.Dispose();   // closing the descriptor releases the lock
    }
}
