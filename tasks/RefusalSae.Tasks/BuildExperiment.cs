using Microsoft.Build.Framework;
using RefusalSae.Engine.Building;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Tasks;

/// <summary>
/// Builds (or, with <see cref="DryRun"/>, explains) one experiment through the engine. Stale stages run in the
/// worker process (<see cref="WorkerTool"/>); this task never loads TorchSharp.
/// </summary>
public sealed class BuildExperiment : WorkflowTask, IStageLauncher, ICancelableTask
{
    private volatile WorkerTool? _running;
    private volatile bool _cancelled;

    [Required] public string RepoRoot { get; set; } = "";
    [Required] public string Experiment { get; set; } = "";
    [Required] public string WorkerPath { get; set; } = "";
    public string? Set { get; set; }
    public string? ArtifactsRoot { get; set; }
    public string? CacheRoot { get; set; }
    public string? SharedCacheRoot { get; set; }
    public bool SharedCacheWrite { get; set; }
    public bool DryRun { get; set; }
    public string? CacheUniverse { get; set; }
    /// <summary>`-p:SweepPoint=ID`: the status of that point of the experiment's sweep.</summary>
    public string? SweepPoint { get; set; }
    /// <summary>`-p:ItemShard=s/N`: the status of that shard's build (its own workspace folder).</summary>
    public string? ItemShard { get; set; }

    /// <summary>One item per stage: Identity = name, metadata Key, Status, Reason.</summary>
    [Output] public ITaskItem[] Stages { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var options = new BuildOptions
        {
            RepoRoot = RepoRoot, Experiment = Experiment, Overrides = BuildOptions.NormalizeOverrides(Set), Point = NullIfEmpty(SweepPoint), WorkerDirectory = Path.GetDirectoryName(WorkerPath),
            ArtifactsRoot = NullIfEmpty(ArtifactsRoot), CacheRoot = NullIfEmpty(CacheRoot),
            SharedCacheRoot = NullIfEmpty(SharedCacheRoot), SharedCacheWrite = SharedCacheWrite, DryRun = DryRun,
            CacheUniverse = CacheUniverse ?? "", Shard = Engine.Stages.ItemShard.Parse(ItemShard),
        };
        var outcomes = new ExperimentBuild(options, this, new MSBuildLog(Log)).Run();
        Stages = outcomes.Select(o =>
        {
            var item = new Microsoft.Build.Utilities.TaskItem(o.Name);
            item.SetMetadata("Key", o.Key);
            item.SetMetadata("Status", o.Status);
            item.SetMetadata("Reason", o.Reason);
            return (ITaskItem)item;
        }).ToArray();
        var counts = outcomes.GroupBy(o => o.Status).Select(g => $"{g.Count()} {g.Key}");
        Log.LogMessage(MessageImportance.High, $"experiment '{Experiment}': {string.Join(", ", counts)}{(DryRun ? " (dry run)" : "")}");
    }

    /// <summary>The worker takes the key's lock and commits the entry itself: the lock follows the computation.</summary>
    public bool CommitsUnderItsOwnLock => true;

    public bool Launch(StageRequest request, string requestFile)
    {
        if (_cancelled) return false;
        var tool = new WorkerTool { BuildEngine = BuildEngine, HostObject = HostObject, WorkerPath = WorkerPath, RequestFile = requestFile };
        _running = tool;
        try { return tool.Execute() && tool.ExitCode == 0; }
        finally { _running = null; }
    }

    /// <summary>Ctrl+C: stops the worker; finished items stay in the item cache and nothing half-done is committed.</summary>
    public void Cancel()
    {
        _cancelled = true;
        _running?.Cancel();
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
