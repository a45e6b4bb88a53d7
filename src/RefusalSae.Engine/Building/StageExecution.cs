using System.Diagnostics;
using RefusalSae.Engine.Cache;
using RefusalSae.Engine.Keys;
using RefusalSae.Engine.Pipeline;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Building;

/// <summary>
/// Executes one stage for one key: takes the key's lock, re-probes the cache (another build may have made it
/// meanwhile), takes the stage's resource slots, writes the request, runs it through the launcher (the worker
/// process) and commits the result atomically. With a cached result to compare against (<c>-p:Force</c>), the new
/// outputs are hashed and compared file by file instead of replacing the cached entry.
/// </summary>
public sealed class StageExecution(BuildContext context, IStageLauncher launcher)
{
    /// <summary>
    /// The committed (or, when forced, the cached) manifest; <see cref="Reproduction"/> says how a forced rerun
    /// compared; <see cref="Concurrent"/>: another build computed it while this one waited for the key's lock.
    /// </summary>
    public sealed record Result(Manifest Manifest, string? Reproduction, bool Concurrent = false);

    /// <summary>
    /// The engine holds the key's lock only to probe. When the launcher's process commits under its own lock (the
    /// worker, <see cref="StageCommit"/>), the engine releases it before launching: the lock then follows the
    /// computation, so a build that dies while its worker computes frees nothing. In-process launchers and forced
    /// reruns (compared here, never committed) run under the engine's lock.
    /// </summary>
    public Result Run(StageDeclaration stage, StageKey key, IReadOnlyDictionary<string, UpstreamResult> upstream,
        Dictionary<string, string> datasets, string code, IReadOnlyList<StaleReason> reasons, Manifest? compareWith)
    {
        var cache = context.Cache;
        var log = context.Log;
        // Per-item stages also wait for shards computing their items (-p:ItemShard): see ShardLocks.
        KeyLock? keyLock = ShardLocks.AcquireKey(cache, key.Key, w => log.Warning("RSW402", w));
        try
        {
            if (compareWith is null && cache.Probe(key.Key, w => log.Warning("RSW403", w)) is { } concurrent)
                return new Result(concurrent, null, Concurrent: true);   // another build made it meanwhile
            var workerCommits = launcher.CommitsUnderItsOwnLock && compareWith is null;
            if (workerCommits)
            {
                keyLock.Dispose();
                keyLock = null;
            }
            return RunUnlocked(stage, key, upstream, datasets, code, reasons, compareWith, workerCommits);
        }
        finally { keyLock?.Dispose(); }
    }

    private Result RunUnlocked(StageDeclaration stage, StageKey key, IReadOnlyDictionary<string, UpstreamResult> upstream,
        Dictionary<string, string> datasets, string code, IReadOnlyList<StaleReason> reasons, Manifest? compareWith, bool workerCommits)
    {
        var cache = context.Cache;
        var log = context.Log;
        foreach (var r in reasons) log.Message($"stage '{stage.Name}' is stale: {r.Text}", r.At, "RSW050");
        var tmp = cache.NewTempDir(key.Key);
        var request = Request(stage, key, upstream, datasets, tmp, freshItems: compareWith is not null);
        var requestFile = Path.Combine(tmp, "request.json");
        request.Write(requestFile);
        if (workerCommits)
            new StageCommit { CacheRoot = cache.Root, Key = key.Key, Stage = stage.Name, Inputs = key.Inputs, Build = KeyLock.ThisBuild }
                .Write(Path.Combine(tmp, StageCommit.FileName));
        var clock = new Stopwatch();
        var ok = LaunchInSlots(stage, request, requestFile, $"running (key {key.Key[..12]}", clock, out var started);
        if (!ok)
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
            throw new WorkflowException("RSW405", $"stage '{stage.Name}' failed (key {key.Key[..12]}); nothing was cached", stage.DeclaredAt);
        }
        if (workerCommits)
        {
            var found = File.Exists(Path.Combine(tmp, StageCommit.FoundMarker));
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);   // the worker moved it into the cache unless it found the entry
            var committed = cache.Probe(key.Key, w => log.Warning("RSW403", w))
                ?? throw new WorkflowException("RSW408", $"stage '{stage.Name}': the worker ended without committing key {key.Key[..12]}", stage.DeclaredAt);
            return new Result(committed, null, Concurrent: found);
        }
        var result = StageResult.Read(request.ResultFile);
        File.Delete(requestFile);
        File.Delete(request.ResultFile);
        if (compareWith is not null)
        {
            try { return new Result(compareWith, Reproducibility.Compare(compareWith.Outputs, StageCache.HashTree(Path.Combine(tmp, "out")))); }
            finally { Directory.Delete(tmp, recursive: true); }
        }
        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        return new Result(cache.Commit(key.Key, tmp, (outputs, outputHash) => new Manifest
        {
            Key = key.Key, Stage = stage.Name, Inputs = key.Inputs, Outputs = outputs, OutputHash = outputHash,
            Started = started, Seconds = seconds, ItemsComputed = result.ItemsComputed, ItemsCached = result.ItemsCached,
            Tools = Manifest.CurrentTools(), Host = Manifest.CurrentHost(), Build = KeyLock.ThisBuild,
        }), null);
    }

    /// <summary>
    /// The request for one run of <paramref name="stage"/> in <paramref name="tmp"/>. <paramref name="freshItems"/>:
    /// a forced rerun recomputes every item too (a fresh item folder and scratch), or it would only re-read them.
    /// </summary>
    internal StageRequest Request(StageDeclaration stage, StageKey key, IReadOnlyDictionary<string, UpstreamResult> upstream,
        Dictionary<string, string> datasets, string tmp, bool freshItems)
    {
        var plan = context.Plan;
        var cache = context.Cache;
        var itemKey = stage.PerItem
            ? StageKey.ItemKey(stage.Name, stage.Version, plan.Config.Slice(stage.Config, [.. stage.ItemConfig, .. plan.Pipeline.Execution.Select(x => x.Key)]),
                stage.Upstream.ToDictionary(u => u, u => upstream[u].KeyHash(stage), StringComparer.Ordinal), context.CodeOf(stage).ItemCode) : null;
        return new StageRequest
        {
            Stage = stage.Name,
            Key = key.Key,
            Config = plan.Config.Slice(stage.Config),
            OutputDirectory = Path.Combine(tmp, "out"),
            Upstream = stage.Upstream.ToDictionary(u => u, u => upstream[u].Dir, StringComparer.Ordinal),
            Datasets = datasets,
            ItemCacheDirectory = itemKey is null ? null : freshItems ? Path.Combine(tmp, "items") : cache.ItemDir(stage.Name, itemKey),
            ScratchDirectory = freshItems ? Path.Combine(tmp, "scratch") : cache.ScratchDir(key.Key),
            ResultFile = Path.Combine(tmp, "result.json"),
        };
    }

    /// <summary>Launches <paramref name="request"/> once the stage's resource slots are free; <paramref name="what"/> opens its log line.</summary>
    internal bool LaunchInSlots(StageDeclaration stage, StageRequest request, string requestFile, string what, Stopwatch clock, out DateTimeOffset started)
    {
        var log = context.Log;
        var resources = StageResources.Of(stage, context.Plan.Config, context.Options);
        log.Message($"stage '{stage.Name}': {what}{(resources.Describe() is { Length: > 0 } d ? $", {d}" : "")})");
        var slots = ResourceSlots.TryAcquire(context.Options.SlotsDir, resources, context.Options.CpuSlots);
        if (slots is null)
        {
            launcher.WaitingForSlots(true);
            try { slots = ResourceSlots.Acquire(context.Options.SlotsDir, resources, context.Options.CpuSlots, m => log.Message($"stage '{stage.Name}': {m}")); }
            finally { launcher.WaitingForSlots(false); }
        }
        using (slots)
        {
            started = DateTimeOffset.UtcNow;
            clock.Start();
            var ok = launcher.Launch(request, requestFile);
            clock.Stop();
            return ok;
        }
    }
}
