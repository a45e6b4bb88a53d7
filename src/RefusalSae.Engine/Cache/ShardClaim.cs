using System.Text.Json;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Cache;

/// <summary>
/// What the process that computes a shard's items needs to hold that shard's lock (shard.json, written by the engine
/// beside request.json; the in-process launcher of the tests uses it directly). As with <see cref="StageCommit"/>, the
/// lock follows the computation: the worker takes it and the kernel releases it when the worker ends, however it
/// ends. A shard commits nothing: its items are stored as they are computed, its outputs are discarded.
/// </summary>
public sealed record ShardClaim
{
    public const string FileName = "shard.json";

    /// <summary>Left in the temp folder when the key's entry was already complete: the shard computed nothing.</summary>
    public const string CommittedMarker = "committed-before-shard";

    public required string CacheRoot { get; init; }
    public required string Key { get; init; }
    public required ItemShard Shard { get; init; }

    public static ShardClaim Read(string path) =>
        JsonSerializer.Deserialize<ShardClaim>(File.ReadAllText(path), Json.Options) ?? throw new InvalidDataException(path);

    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json.Options));

    /// <summary>
    /// Takes the shard's lock (another build of the same shard computes first), then waits until nobody holds the key's
    /// lock: a build completing the stage finishes first, and one that comes later sees this shard's lock and waits.
    /// If the entry then exists, leaves <see cref="CommittedMarker"/> and returns false; otherwise runs
    /// <paramref name="compute"/> under the shard's lock and returns true.
    /// </summary>
    public bool RunLocked(string tempDir, Action<string> log, CancellationToken cancellation, Action compute)
    {
        var cache = new StageCache(CacheRoot);
        using var held = KeyLock.Acquire(ShardLocks.PathOf(cache, Key, Shard), log, cancellation: cancellation);
        using (KeyLock.Acquire(cache.LockPath(Key), log, cancellation: cancellation))
        {
            if (cache.Probe(Key, log) is not null)
            {
                File.WriteAllText(Path.Combine(tempDir, CommittedMarker), Key);
                return false;
            }
        }
        compute();
        return true;
    }
}
