using System.Diagnostics;
using RefusalSae.Engine.Cache;
using RefusalSae.Engine.Keys;
using RefusalSae.Engine.Pipeline;

namespace RefusalSae.Engine.Building;

/// <summary>
/// Builds one stage of an experiment once its upstream stages have results: computes its key (config slice, dataset
/// hashes, code identity, upstream *output* hashes), explains a key change against the previous build, takes a cache
/// hit (local, then the shared read-through cache), or runs it through <see cref="StageExecution"/>, and switches its
/// workspace folder. The one place that decides cached / restored / ran for a stage; the in-process loop
/// (<see cref="ExperimentBuild"/>) and the per-stage MSBuild task both call it.
/// </summary>
public sealed class StageBuilder(BuildContext context, IStageLauncher launcher)
{
    private BuildOptions Options => context.Options;
    private IBuildLog Log => context.Log;

    /// <summary>
    /// Builds <paramref name="stage"/>. <paramref name="upstream"/> holds a result for every upstream stage that has
    /// one; in a dry run a missing upstream means it will rerun, so this stage is reported stale without a key.
    /// </summary>
    public StageBuild Build(StageDeclaration stage, IReadOnlyDictionary<string, UpstreamResult> upstream)
    {
        var clock = Stopwatch.StartNew();
        var missing = stage.Upstream.Where(u => !upstream.ContainsKey(u)).ToList();
        if (missing.Count > 0)
        {
            if (!Options.DryRun)
                throw new WorkflowException("RSW407", $"stage '{stage.Name}' cannot run: upstream {Quote(missing)} has no result", stage.DeclaredAt);
            IReadOnlyList<StaleReason> waiting = [new StaleReason($"upstream {Quote(missing)} will rerun", null)];
            return new StageBuild(Report(stage, "", "stale", waiting), null, null, null) { Reasons = waiting };
        }

        var plan = context.Plan;
        var datasetHashes = plan.DatasetIdsOf(stage).ToDictionary(id => id, id => context.Resolver.ContentHash(id, stage.DeclaredAt), StringComparer.Ordinal);
        // Early cutoff on data: a changed figure or Markdown table upstream reruns only the stages that read renderings.
        var upstreamHashes = stage.Upstream.ToDictionary(u => u, u => upstream[u].KeyHash(stage), StringComparer.Ordinal);
        var code = context.CodeOf(stage).Code;
        // Execution settings (pipeline.yaml execution:) reach the stage but cannot change a result: never in a key.
        var slice = plan.Config.Slice(stage.Config, plan.Pipeline.Execution.Select(x => x.Key));
        var key = StageKey.Compute(stage.Name, stage.Version, slice, upstreamHashes, datasetHashes, code, Options.CacheUniverse);
        var previous = context.PreviousState.Stages.GetValueOrDefault(stage.Name);
        var reasons = previous?.Key == key.Key ? [] : Staleness.Explain(previous?.Inputs, key.Inputs, stage, plan.Config);
        var forced = Options.IsForced(stage.Name);

        var cache = context.Cache;
        var hit = cache.Probe(key.Key, w => Log.Warning("RSW403", w));
        var status = hit is null ? null : previous?.Key == key.Key ? "cached" : "restored";
        if (hit is null && context.Shared is { } shared && (hit = ImportShared(shared, key.Key)) is not null)
            status = "restored";
        if (Options.DryRun && (hit is null || forced))
        {
            IReadOnlyList<StaleReason> why = forced ? [new StaleReason("forced (-p:Force)", null)]
                : previous?.Key == key.Key ? [new StaleReason("cached result missing or corrupt", null)] : reasons;
            return new StageBuild(Report(stage, key.Key, "stale", why), null, null, null) { Reasons = why };
        }

        string? reproduced = null;
        ShardExecution.Result? sharded = null;
        if (hit is null || forced)
        {
            // Datasets are located and sha256-checked only when a stage runs: keys use the catalog's hashes, so a
            // fully cached experiment builds offline and without touching the data.
            var datasetPaths = plan.DatasetIdsOf(stage).ToDictionary(id => id, id => context.Resolver.Resolve(id, stage.DeclaredAt), StringComparer.Ordinal);
            // A shard's build computes its own items first; the stage itself is then built as always (below), after
            // the key's other shards have finished theirs, so its result is the same however the items were split.
            if (hit is null && stage.PerItem && Options.Shard is { } shard)
                sharded = new ShardExecution(context, launcher).Run(stage, key, upstream, datasetPaths, shard);
            var run = new StageExecution(context, launcher).Run(stage, key, upstream, datasetPaths, code,
                forced ? [new StaleReason("forced (-p:Force)", null)] : reasons, forced ? hit : null);
            if (forced && hit is not null)
            {
                reproduced = run.Reproduction;
                if (!reproduced!.StartsWith(Reproducibility.Identical, StringComparison.Ordinal))
                    Log.Warning("RSW406", $"stage '{stage.Name}' is not reproducible: its forced rerun {reproduced}; the cached result is kept", stage.DeclaredAt);
                reasons = [new StaleReason($"forced: {reproduced}", null)];
            }
            else if (run.Concurrent) reasons = [new StaleReason($"restored: computed by a concurrent build ({run.Manifest.Build})", null)];
            else if (previous?.Key == key.Key) reasons = [new StaleReason("cached result missing or corrupt", null)];
            hit = run.Manifest;
            status = run.Concurrent ? "restored" : "ran";
            if (sharded is not null) reasons = [.. reasons, new StaleReason(sharded.Describe(), null)];
        }
        if (Options.SharedCacheWrite && context.Shared is { } target && target.Probe(key.Key, _ => { }) is null)
        {
            using var sharedLock = KeyLock.Acquire(target.LockPath(key.Key), w => Log.Warning("RSW402", w));
            target.Import(cache, key.Key, w => Log.Warning("RSW404", w));
        }

        var outDir = cache.OutDir(key.Key);   // stages read the immutable cache copy
        if (!Options.DryRun)
            Workspace.Materialize(outDir, Path.Combine(Options.ExperimentDir, stage.Name), previous?.Key == key.Key && reproduced is null);
        IReadOnlyList<StaleReason> shown = status switch
        {
            "cached" => [new StaleReason("up to date", null)],
            "restored" when reasons is [{ Text: var t }, ..] && t.StartsWith("restored: ", StringComparison.Ordinal) => reasons,
            "restored" => [new StaleReason($"restored from cache (produced {hit!.Started:u} in {hit.Seconds:0.0} s)", null), .. reasons],
            _ => reasons,
        };
        var outcome = Report(stage, key.Key, status!, shown) with
        {
            // A shard's build: its wall time (shard phase, waiting for the other shards, the stage), and the items
            // it computed in both phases, so the items_computed of all shards' records sum to the items computed.
            Seconds = status == "ran" && sharded is null ? hit!.Seconds : Math.Round(clock.Elapsed.TotalSeconds, 3),
            ItemsComputed = (status == "ran" ? hit!.ItemsComputed : 0) + (sharded?.ItemsComputed ?? 0),
            ItemsCached = status == "ran" ? hit!.ItemsCached : 0,
            ComputedBy = hit!.Build,
            Shard = sharded?.Shard.ToString(),
        };
        return new StageBuild(outcome, hit!.OutputHash, outDir, new StageState(key.Key, key.Inputs, hit.OutputHash)) { Reasons = shown, DataHash = hit.DataHash };
    }

    private Manifest? ImportShared(StageCache shared, string key)
    {
        using var keyLock = KeyLock.Acquire(context.Cache.LockPath(key), w => Log.Warning("RSW402", w));
        return context.Cache.Probe(key, _ => { }) ?? context.Cache.Import(shared, key, w => Log.Warning("RSW404", w));
    }

    private StageOutcome Report(StageDeclaration stage, string key, string status, IReadOnlyList<StaleReason> reasons)
    {
        foreach (var r in reasons.Where(r => r.At is not null))
            if (status != "ran") Log.Message($"stage '{stage.Name}' is {status}: {r.Text}", r.At, "RSW050");
        var text = string.Join("; ", reasons.Select(r => r.ToString()));
        Log.Message($"stage '{stage.Name}': {status}{(text.Length > 0 ? $" ({text})" : "")}");
        return new StageOutcome { Name = stage.Name, Key = key, Status = status, Reason = text };
    }

    private static string Quote(IEnumerable<string> names) => string.Join(", ", names.Select(u => $"'{u}'"));
}
