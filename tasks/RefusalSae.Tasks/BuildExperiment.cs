using Microsoft.Build.Framework;
using RefusalSae.Engine.Building;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Tasks;

/// <summary>
/// Builds (or, with <see cref="DryRun"/>, explains) one experiment through the engine. Stale stages run in the
/// worker process (<see cref="WorkerTool"/>); this task never loads TorchSharp.
/// </summary>
public sealed class BuildExperiment : WorkflowTask, IStageLauncher
{
    [Required] public string RepoRoot { get; set; } = "";
    [Required] public string Experiment { get; set; } = "";
    [Required] public string WorkerPath { get; set; } = "";
    public string? Set { get; set; }
    public string? ArtifactsRoot { get; set; }
    public string? CacheRoot { get; set; }
    public string? SharedCacheRoot { get; set; }
    public bool SharedCacheWrite { get; set; }
    public bool DryRun { get; set; }

    /// <summary>One item per stage: Identity = name, metadata Key, Status, Reason.</summary>
    [Output] public ITaskItem[] Stages { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var options = new BuildOptions
        {
            RepoRoot = RepoRoot, Experiment = Experiment, Overrides = Set,
            ArtifactsRoot = NullIfEmpty(ArtifactsRoot), CacheRoot = NullIfEmpty(CacheRoot),
            SharedCacheRoot = NullIfEmpty(SharedCacheRoot), SharedCacheWrite = SharedCacheWrite, DryRun = DryRun,
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

    public bool Launch(StageRequest request, string requestFile)
    {
        var tool = new WorkerTool { BuildEngine = BuildEngine, HostObject = HostObject, WorkerPath = WorkerPath, RequestFile = requestFile };
        return tool.Execute() && tool.ExitCode == 0;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
