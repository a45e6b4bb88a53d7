using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Build.Framework;
using RefusalSae.Engine.Building;

namespace RefusalSae.Tasks;

/// <summary>
/// Base of the workflow tasks that act on one experiment: the workflow's properties as parameters (the same on every
/// task, see StageTargets.CommonParameters) and the experiment's plan, loaded once per build and MSBuild node.
/// </summary>
public abstract class ExperimentTask : WorkflowTask
{
    private static readonly ConcurrentDictionary<string, ExperimentPlan> Plans = new(StringComparer.Ordinal);

    [Required] public string RepoRoot { get; set; } = "";
    [Required] public string Experiment { get; set; } = "";
    public string? Set { get; set; }
    public string? ArtifactsRoot { get; set; }
    public string? CacheRoot { get; set; }
    public string? SharedCacheRoot { get; set; }
    public bool SharedCacheWrite { get; set; }
    public string? CacheUniverse { get; set; }
    /// <summary>`-p:Force=stage[,stage]|all`.</summary>
    public string? Force { get; set; }
    /// <summary>Torch threads per stage (empty: RSW_THREADS, else the core count).</summary>
    public string? StageThreads { get; set; }
    /// <summary>CPU slots shared by running stages (empty: the core count).</summary>
    public string? CpuSlots { get; set; }
    /// <summary>Identifies one `dotnet build` across its stage instances.</summary>
    public string? BuildId { get; set; }
    /// <summary>`-p:SweepPoint=ID`: this build is that point of the experiment's sweep (its overrides are in Set).</summary>
    public string? SweepPoint { get; set; }
    /// <summary>Restore from the cache only; a stage that would run fails (a sweep's aggregation after Slurm).</summary>
    public bool RestoreOnly { get; set; }
    /// <summary>The worker's build folder, whose assemblies the stages' code identity is computed from (empty: the Debug build).</summary>
    public string? WorkerDirectory { get; set; }
    /// <summary>`-p:ItemShard=s/N`: compute only shard s's items of per-item stages first (a malformed value is RSW090).</summary>
    public string? ItemShard { get; set; }

    protected BuildOptions Options(bool dryRun = false) => new()
    {
        RepoRoot = RepoRoot, Experiment = Experiment, Overrides = BuildOptions.NormalizeOverrides(Set),
        ArtifactsRoot = NullIfEmpty(ArtifactsRoot), CacheRoot = NullIfEmpty(CacheRoot),
        SharedCacheRoot = NullIfEmpty(SharedCacheRoot), SharedCacheWrite = SharedCacheWrite, DryRun = dryRun,
        CacheUniverse = CacheUniverse ?? "", Force = BuildOptions.ParseForce(Force),
        StageThreads = Positive(StageThreads) ?? BuildOptions.DefaultThreads(),
        CpuSlots = Positive(CpuSlots) ?? Environment.ProcessorCount,
        Point = NullIfEmpty(SweepPoint), RestoreOnly = RestoreOnly, WorkerDirectory = NullIfEmpty(WorkerDirectory),
        Shard = Engine.Stages.ItemShard.Parse(ItemShard),
    };

    /// <summary>The plan of this build (validated config, resolved pipeline), shared by the tasks of one node.</summary>
    protected ExperimentPlan Plan(BuildOptions options)
    {
        var id = string.Join('\u001f', BuildId ?? Guid.NewGuid().ToString("N"), options.RepoRoot, options.Experiment, options.Overrides ?? "");
        return Plans.GetOrAdd(id, _ => ExperimentPlan.Load(options.RepoRoot, options.Experiment, options.Overrides));
    }

    protected string Id => BuildId is { Length: > 0 } b ? b : "local";

    protected static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static int? Positive(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
}
