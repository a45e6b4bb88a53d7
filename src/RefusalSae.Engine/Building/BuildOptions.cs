namespace RefusalSae.Engine.Building;

/// <summary>One build of one experiment: where things are and what the caller asked for (the MSBuild properties).</summary>
public sealed record BuildOptions
{
    public required string RepoRoot { get; init; }
    public required string Experiment { get; init; }
    /// <summary>`-p:Set="a.b=5;c=x"`.</summary>
    public string? Overrides { get; init; }
    /// <summary>Default: RepoRoot/artifacts.</summary>
    public string? ArtifactsRoot { get; init; }
    /// <summary>Default: ArtifactsRoot/cache (`-p:WorkflowCacheRoot=...`).</summary>
    public string? CacheRoot { get; init; }
    /// <summary>A read-through shared cache folder (hits are hash-checked).</summary>
    public string? SharedCacheRoot { get; init; }
    /// <summary>Only with this set does a build write its results to the shared cache.</summary>
    public bool SharedCacheWrite { get; init; }
    /// <summary>`-p:WorkflowCacheUniverse=...`: part of every key; changing it disowns all cached results.</summary>
    public string CacheUniverse { get; init; } = "";
    /// <summary>Status: report cached/stale with reasons, run nothing, write nothing but status.json.</summary>
    public bool DryRun { get; init; }
    /// <summary>`-p:Force=stage[,stage]|all`: recompute these even when cached and compare with the cached outputs.</summary>
    public IReadOnlySet<string> Force { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    /// <summary>CPU slots shared by concurrently running stages (all builds on this cache): default the core count.</summary>
    public int CpuSlots { get; init; } = Environment.ProcessorCount;
    /// <summary>
    /// Torch threads of every stage (RSW_THREADS of the worker). Fixed whatever else runs at the same time, so a
    /// parallel build computes exactly what a sequential one does. Default: RSW_THREADS if set, else the core count.
    /// </summary>
    public int StageThreads { get; init; } = DefaultThreads();
    /// <summary>
    /// A sweep point's id (`-p:SweepPoint`): its workspace is artifacts/EXPERIMENT/points/ID/. The point's overrides
    /// come in <see cref="Overrides"/>, so a point is an ordinary build of the experiment with those overrides.
    /// </summary>
    public string? Point { get; init; }
    /// <summary>A build that may only restore (a sweep's aggregation after its Slurm jobs): a stage that would run fails instead.</summary>
    public bool RestoreOnly { get; init; }
    /// <summary>
    /// `-p:ItemShard=s/N`: this build computes the missing items of per-item stages for shard s only, before building
    /// each stage as usual (see <see cref="ShardExecution"/>). Its workspace is a folder of its own
    /// (…/shard-s-of-N/), so builds of different shards never write the same records.
    /// </summary>
    public Stages.ItemShard? Shard { get; init; }

    public bool IsForced(string stage) => Force.Contains("all") || Force.Contains(stage);

    /// <summary>Slot files of <see cref="ResourceSlots"/>: next to the cache, so concurrent builds share them.</summary>
    public string SlotsDir => Path.Combine(Cache, "locks", "slots");

    public static int DefaultThreads() =>
        int.TryParse(Environment.GetEnvironmentVariable("RSW_THREADS"), out var t) && t > 0 ? t : Environment.ProcessorCount;

    /// <summary>
    /// `-p:Set` separates assignments with `;`, which MSBuild splits -p: values at (so it must be written %3B), or
    /// with `|`, which passes through MSBuild untouched; both reach the loader as `;`.
    /// </summary>
    public static string? NormalizeOverrides(string? set) => set?.Replace('|', ';');

    /// <summary>`-p:Force=a,b` / `a;b` / `all` as a set (empty: nothing forced).</summary>
    public static IReadOnlySet<string> ParseForce(string? force) =>
        (force ?? "").Split([',', ';', '|', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// The compiled worker whose code the stage keys identify (RefusalSae.*.dll and its deps.json). Default: the
    /// Debug worker under src/RefusalSae.Worker/bin, as the workflow targets build it.
    /// </summary>
    public string? WorkerDirectory { get; init; }
    /// <summary>Each stage's code identity; default: <see cref="Code.StageCodeCache"/> over <see cref="WorkerDirectory"/> (tests supply their own).</summary>
    public Func<IReadOnlyDictionary<string, Code.StageCode>>? StageCodes { get; init; }

    public string Worker => Path.GetFullPath(WorkerDirectory ?? Path.Combine(RepoRoot, "src", "RefusalSae.Worker", "bin", "Debug", "net10.0", "linux-x64"));
    public string Artifacts => Path.GetFullPath(ArtifactsRoot ?? Path.Combine(RepoRoot, "artifacts"));
    public string Cache => Path.GetFullPath(CacheRoot ?? Path.Combine(Artifacts, "cache"));
    public string ExperimentDir => Shard is { } s ? Path.Combine(UnshardedDir, s.FolderName) : UnshardedDir;

    private string UnshardedDir => Point is { Length: > 0 } p ? Path.Combine(Artifacts, Experiment, "points", p) : Path.Combine(Artifacts, Experiment);
}
