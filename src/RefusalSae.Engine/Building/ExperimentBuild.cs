using System.Diagnostics;
using RefusalSae.Engine.Cache;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Datasets;
using RefusalSae.Engine.Keys;
using RefusalSae.Engine.Pipeline;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Building;

/// <summary>
/// Builds one experiment: validates everything first, then walks the stages upstream-first, computing each key from
/// its config slice, dataset hashes, code hash and the *output* hashes of its upstream stages (early cutoff), taking
/// cache hits (local, then the shared read-through cache), and running misses through the launcher under a per-key
/// lock. Writes resolved.json (when changed), the stage folders, state.json, dag.mmd and last-run.json.
/// </summary>
public sealed class ExperimentBuild(BuildOptions options, IStageLauncher launcher, IBuildLog log)
{
    private readonly Dictionary<string, (string Hash, string DataHash, string Dir)> _done = new(StringComparer.Ordinal);
    private IReadOnlyDictionary<string, Code.StageCode>? _codes;

    public IReadOnlyList<StageOutcome> Run()
    {
        var plan = ExperimentPlan.Load(options.RepoRoot, options.Experiment, options.Overrides);
        var expDir = options.ExperimentDir;
        Directory.CreateDirectory(expDir);
        if (!options.DryRun)
            AtomicFile.WriteIfChanged(Path.Combine(expDir, "resolved.json"), CanonicalJson.Serialize(plan.Config.ToJson(), indented: true) + "\n");
        var memo = new HashMemo(Path.Combine(options.Cache, "datasets.memo.json"));
        var resolver = new DatasetResolver(plan.Catalog, Path.Combine(options.Artifacts, "datasets"), memo);
        var cache = new StageCache(options.Cache);
        var shared = options.SharedCacheRoot is { Length: > 0 } s ? new StageCache(s, trustMemo: false) : null;
        var state = ExperimentState.Read(Path.Combine(expDir, "state.json"));
        var outcomes = new List<StageOutcome>();
        try
        {
            foreach (var stage in plan.Stages)
            {
                try { outcomes.Add(BuildStage(plan, stage, resolver, cache, shared, state)); }
                catch (WorkflowException e)
                {
                    outcomes.Add(new StageOutcome { Name = stage.Name, Key = "", Status = "failed", Reason = e.Message });
                    throw;
                }
            }
        }
        finally
        {
            memo.Save();
            cache.SaveMemo();
            Finish(plan, state, outcomes);
        }
        return outcomes;
    }

    private StageOutcome BuildStage(ExperimentPlan plan, StageDeclaration stage, DatasetResolver resolver, StageCache cache,
        StageCache? shared, ExperimentState state)
    {
        var clock = Stopwatch.StartNew();
        var staleUpstream = stage.Upstream.Where(u => !_done.ContainsKey(u)).ToList();
        if (staleUpstream.Count > 0)   // dry run only: the upstream output hash is unknown until it reruns
            return Report(stage, "", "stale", [new StaleReason($"upstream {string.Join(", ", staleUpstream.Select(u => $"'{u}'"))} will rerun", null)]);

        var datasetHashes = plan.DatasetIds[stage.Name].ToDictionary(id => id, id => resolver.ContentHash(id, stage.DeclaredAt), StringComparer.Ordinal);
        // Early cutoff on data: a changed figure or Markdown table upstream reruns only the stages that read renderings.
        var upstream = stage.Upstream.ToDictionary(u => u, u => stage.ReadsRendered ? _done[u].Hash : _done[u].DataHash, StringComparer.Ordinal);
        var code = CodeOf(stage).Code;
        var slice = plan.Config.Slice(stage.Config);
        var execution = plan.Pipeline.Execution.Select(x => x.Key).ToList();   // read by the stage, never part of a key
        var key = StageKey.Compute(stage.Name, stage.Version, plan.Config.Slice(stage.Config, execution), upstream, datasetHashes, code, options.CacheUniverse);
        var previous = state.Stages.GetValueOrDefault(stage.Name);
        var reasons = previous?.Key == key.Key ? [] : Staleness.Explain(previous?.Inputs, key.Inputs, stage, plan.Config);

        var hit = cache.Probe(key.Key, w => log.Warning("RSW403", w));
        var status = hit is null ? null : previous?.Key == key.Key ? "cached" : "restored";
        if (hit is null && shared is not null && (hit = ImportShared(cache, shared, key.Key)) is not null)
            status = "restored";
        if (hit is null && options.DryRun)
        {
            var why = previous?.Key == key.Key ? [new StaleReason("cached result missing or corrupt", null)] : reasons;
            return Report(stage, key.Key, "stale", why);
        }
        if (hit is null)
        {
            // Datasets are located and sha256-checked only when a stage runs: keys use the catalog's hashes, so a
            // fully cached experiment builds offline and without touching the data.
            var datasetPaths = plan.DatasetIds[stage.Name].ToDictionary(id => id, id => resolver.Resolve(id, stage.DeclaredAt), StringComparer.Ordinal);
            hit = Execute(plan, stage, key, slice, upstream, datasetPaths, code, cache, reasons);
            status = "ran";
            if (previous?.Key == key.Key) reasons = [new StaleReason("cached result missing or corrupt", null)];
        }
        if (options.SharedCacheWrite && shared is not null && shared.Probe(key.Key, _ => { }) is null)
        {
            using var sharedLock = KeyLock.Acquire(shared.LockPath(key.Key), w => log.Warning("RSW402", w));
            shared.Import(cache, key.Key, w => log.Warning("RSW404", w));
        }

        _done[stage.Name] = (hit.OutputHash, hit.DataHash, cache.OutDir(key.Key));   // stages read the immutable cache copy
        if (!options.DryRun)
        {
            Workspace.Materialize(cache.OutDir(key.Key), Path.Combine(options.ExperimentDir, stage.Name), previous?.Key == key.Key);
            state.Stages[stage.Name] = new StageState(key.Key, key.Inputs, hit.OutputHash);
        }
        var shown = status switch
        {
            "cached" => [new StaleReason("up to date", null)],
            "restored" => [new StaleReason($"restored from cache (produced {hit.Started:u} in {hit.Seconds:0.0} s)", null), .. reasons],
            _ => reasons,
        };
        var outcome = Report(stage, key.Key, status!, shown) with
        {
            Seconds = status == "ran" ? hit.Seconds : Math.Round(clock.Elapsed.TotalSeconds, 3),
            ItemsComputed = status == "ran" ? hit.ItemsComputed : 0,
            ItemsCached = status == "ran" ? hit.ItemsCached : 0,
        };
        return outcome;
    }

    private Manifest Execute(ExperimentPlan plan, StageDeclaration stage, StageKey key, System.Text.Json.Nodes.JsonObject slice,
        Dictionary<string, string> upstream, Dictionary<string, string> datasets, string code, StageCache cache, IReadOnlyList<StaleReason> reasons)
    {
        using var keyLock = KeyLock.Acquire(cache.LockPath(key.Key), w => log.Warning("RSW402", w));
        if (cache.Probe(key.Key, w => log.Warning("RSW403", w)) is { } concurrent) return concurrent;   // another build made it meanwhile
        foreach (var r in reasons) log.Message($"stage '{stage.Name}' is stale: {r.Text}", r.At, "RSW050");
        var tmp = cache.NewTempDir(key.Key);
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var itemKey = stage.PerItem
            ? StageKey.ItemKey(stage.Name, stage.Version, plan.Config.Slice(stage.Config, [.. stage.ItemConfig, .. plan.Pipeline.Execution.Select(x => x.Key)]),
                stage.Upstream.ToDictionary(u => u, u => _done[u].DataHash, StringComparer.Ordinal), CodeOf(stage).ItemCode) : null;
        var request = new StageRequest
        {
            Stage = stage.Name,
            Key = key.Key,
            Config = slice,
            OutputDirectory = Path.Combine(tmp, "out"),
            Upstream = stage.Upstream.ToDictionary(u => u, u => _done[u].Dir, StringComparer.Ordinal),
            Datasets = datasets,
            ItemCacheDirectory = itemKey is null ? null : cache.ItemDir(stage.Name, itemKey),
            ScratchDirectory = cache.ScratchDir(key.Key),
            ResultFile = Path.Combine(tmp, "result.json"),
        };
        var requestFile = Path.Combine(tmp, "request.json");
        request.Write(requestFile);
        log.Message($"stage '{stage.Name}': running (key {key.Key[..12]})");
        if (!launcher.Launch(request, requestFile))
        {
            Directory.Delete(tmp, recursive: true);
            throw new WorkflowException("RSW405", $"stage '{stage.Name}' failed (key {key.Key[..12]}); nothing was cached", stage.DeclaredAt);
        }
        var result = StageResult.Read(request.ResultFile);
        File.Delete(requestFile);
        File.Delete(request.ResultFile);
        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 3);
        return cache.Commit(key.Key, tmp, (outputs, outputHash) => new Manifest
        {
            Key = key.Key, Stage = stage.Name, Inputs = key.Inputs, Outputs = outputs, OutputHash = outputHash,
            Started = started, Seconds = seconds, ItemsComputed = result.ItemsComputed, ItemsCached = result.ItemsCached,
            Tools = Manifest.CurrentTools(), Host = Manifest.CurrentHost(),
        });
    }

    private Manifest? ImportShared(StageCache cache, StageCache shared, string key)
    {
        using var keyLock = KeyLock.Acquire(cache.LockPath(key), w => log.Warning("RSW402", w));
        return cache.Probe(key, _ => { }) ?? cache.Import(shared, key, w => log.Warning("RSW404", w));
    }

    /// <summary>The stage's code identity, computed from the compiled worker (cached by its content).</summary>
    private Code.StageCode CodeOf(StageDeclaration stage)
    {
        _codes ??= options.StageCodes?.Invoke() ?? Code.StageCodeCache.Load(options.Worker, Path.Combine(options.Cache, "code-identity.json"));
        return _codes.TryGetValue(stage.Name, out var c) ? c
            : throw new WorkflowException("RSW133", $"stage '{stage.Name}' has no implementation in the worker assemblies ({options.Worker}): no public IStage whose Name is '{stage.Name}'", stage.DeclaredAt);
    }

    private StageOutcome Report(StageDeclaration stage, string key, string status, IReadOnlyList<StaleReason> reasons)
    {
        foreach (var r in reasons.Where(r => r.At is not null))
            if (status != "ran") log.Message($"stage '{stage.Name}' is {status}: {r.Text}", r.At, "RSW050");
        var text = string.Join("; ", reasons.Select(r => r.ToString()));
        log.Message($"stage '{stage.Name}': {status}{(text.Length > 0 ? $" ({text})" : "")}");
        return new StageOutcome { Name = stage.Name, Key = key, Status = status, Reason = text };
    }

    private void Finish(ExperimentPlan plan, ExperimentState state, List<StageOutcome> outcomes)
    {
        var dir = options.ExperimentDir;
        var statuses = outcomes.ToDictionary(o => o.Name, o => o.Status, StringComparer.Ordinal);
        AtomicFile.WriteIfChanged(Path.Combine(dir, "dag.mmd"), MermaidDag.Render(plan.Stages, plan.DatasetIds, statuses));
        var run = new LastRun(options.Experiment, outcomes).ToJson() + "\n";
        if (options.DryRun) { AtomicFile.WriteAllText(Path.Combine(dir, "status.json"), run); return; }
        AtomicFile.WriteIfChanged(Path.Combine(dir, "state.json"), state.ToJson() + "\n");
        AtomicFile.WriteAllText(Path.Combine(dir, "last-run.json"), run);
    }
}
