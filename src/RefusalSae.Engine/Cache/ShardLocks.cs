using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Cache;

/// <summary>
/// The locks that keep a per-item stage's shards (`-p:ItemShard=s/N`) and the build that completes the stage from
/// computing the same item at once. A shard computes its items holding locks/KEY.shard-S-of-N.lock (never the key's
/// lock, so the shards of one key run side by side), and only after it saw the key's lock free (<see cref="ShardClaim"/>).
/// Whoever computes the stage itself holds the key's lock and has seen every shard lock of the key free
/// (<see cref="AcquireKey"/>). Each takes its own lock before checking the other's, so the two can never compute
/// together; neither waits for the other's lock while holding its own, so they never deadlock. All are
/// <see cref="KeyLock"/>s: OS locks the kernel releases when a holder dies.
/// </summary>
public static class ShardLocks
{
    public static string PathOf(StageCache cache, string key, ItemShard shard) =>
        Path.Combine(cache.Root, "locks", $"{key}.{shard.FolderName}.lock");

    /// <summary>Every shard lock of <paramref name="key"/> ever taken, whatever its shard count (lock files stay).</summary>
    public static IReadOnlyList<string> AllOf(StageCache cache, string key)
    {
        var dir = Path.Combine(cache.Root, "locks");
        return Directory.Exists(dir)
            ? Directory.EnumerateFiles(dir, $"{key}.shard-*.lock").Where(p => p.EndsWith(".lock", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];
    }

    /// <summary>
    /// The key's lock, taken once no shard of the key is computing items: a held shard lock is waited for without
    /// holding the key's (a shard waits for the key's lock while holding its own), then the key's lock is taken again.
    /// </summary>
    public static KeyLock AcquireKey(StageCache cache, string key, Action<string> warn, CancellationToken cancellation = default)
    {
        while (true)
        {
            var held = KeyLock.Acquire(cache.LockPath(key), warn, cancellation: cancellation);
            var busy = AllOf(cache, key).FirstOrDefault(KeyLock.IsHeld);
            if (busy is null) return held;
            held.Dispose();
            var owner = KeyLock.Read(busy);
            warn($"waiting for a shard of this stage to finish its items ({Path.GetFileName(busy)}{(owner is null ? "" : $", held by process {owner.Pid} on {owner.Host}")})");
            KeyLock.Acquire(busy, _ => { }, cancellation: cancellation).Dispose();
        }
    }
}
