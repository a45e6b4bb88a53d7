using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Cache;

/// <summary>
/// What the process that computes a stage needs to hold its key's lock and commit the result itself (commit.json,
/// written by the engine beside request.json). The lock then follows the computation: it is taken by the worker
/// before it computes and released by the kernel when the worker ends, however it ends; the build that launched it
/// may die meanwhile without another build reclaiming the key. A cancelled or failed stage commits nothing.
/// </summary>
public sealed record StageCommit
{
    public const string FileName = "commit.json";

    /// <summary>Left in the temp folder when the key's entry was already complete: a concurrent build computed it.</summary>
    public const string FoundMarker = "found-in-cache";

    public required string CacheRoot { get; init; }
    public required string Key { get; init; }
    public required string Stage { get; init; }
    public required JsonObject Inputs { get; init; }
    /// <summary>The build that launched the computation (<see cref="KeyLock.ThisBuild"/>), recorded in the manifest.</summary>
    public required string Build { get; init; }

    public static StageCommit Read(string path) =>
        JsonSerializer.Deserialize<StageCommit>(File.ReadAllText(path), Json.Options) ?? throw new InvalidDataException(path);

    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json.Options));

    /// <summary>
    /// Under the key's lock: if the entry exists, leaves <see cref="FoundMarker"/> and returns null; otherwise runs
    /// <paramref name="compute"/> (which writes tempDir/out and the result file) and commits tempDir as the entry.
    /// </summary>
    public Manifest? RunLocked(string tempDir, string resultFile, Action<string> log, CancellationToken cancellation, Action compute)
    {
        var cache = new StageCache(CacheRoot);
        // Also waits for any shard of this key that is computing items (-p:ItemShard), so no item is computed twice.
        using var held = ShardLocks.AcquireKey(cache, Key, log, cancellation);
        if (cache.Probe(Key, log) is not null)
        {
            File.WriteAllText(Path.Combine(tempDir, FoundMarker), Build);
            return null;
        }
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        compute();
        cancellation.ThrowIfCancellationRequested();   // cancelled after the last item: still nothing is committed
        var result = StageResult.Read(resultFile);
        foreach (var f in Directory.EnumerateFiles(tempDir)) File.Delete(f);   // request, result, commit: only out/ is the entry
        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        return cache.Commit(Key, tempDir, (outputs, outputHash) => new Manifest
        {
            Key = Key, Stage = Stage, Inputs = Inputs, Outputs = outputs, OutputHash = outputHash,
            Started = started, Seconds = seconds, ItemsComputed = result.ItemsComputed, ItemsCached = result.ItemsCached,
            Tools = Manifest.CurrentTools(), Host = Manifest.CurrentHost(), Build = Build,
        });
    }
}
