using Microsoft.Build.Framework;
using RefusalSae.Engine;
using RefusalSae.Engine.Building;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Tasks;

/// <summary>
/// Builds one stage in its own project instance, after MSBuild built its upstream instances: the engine computes
/// the key from the upstream results (Upstream items: metadata Stage, OutputHash, CacheDir), restores a cached
/// result or runs the stage in the worker, and records the outcome for the experiment's records. With `-question`
/// a stage that would run is an error and nothing runs.
/// </summary>
public sealed class RunStage : ExperimentTask, IStageLauncher, ICancelableTask, IIncrementalTask
{
    private volatile WorkerTool? _running;
    private volatile bool _cancelled;

    [Required] public string Stage { get; set; } = "";
    [Required] public string WorkerPath { get; set; } = "";
    public ITaskItem[] Upstream { get; set; } = [];
    /// <summary>The project name TerminalLogger shows, for its "project -> output" line.</summary>
    public string? ProjectName { get; set; }

    public bool FailIfNotIncremental { get; set; }

    [Output] public ITaskItem? Result { get; private set; }

    protected override void ExecuteCore()
    {
        var options = Options();
        var plan = Plan(options);
        var stage = plan.Pipeline.ByName[Stage];
        var upstream = Upstream.Where(u => u.GetMetadata("OutputHash") is { Length: > 0 })
            .ToDictionary(u => u.GetMetadata("Stage"), u => new UpstreamResult(u.GetMetadata("OutputHash"), u.GetMetadata("CacheDir"), u.GetMetadata("DataHash")), StringComparer.Ordinal);
        var log = new MSBuildLog(Log, immediate: BuildEngine);
        if (FailIfNotIncremental)
        {
            var dry = new StageBuilder(new BuildContext(options with { DryRun = true }, new MSBuildLog(Log), plan), this).Build(stage, upstream);
            if (dry.Outcome.Status == "stale")
                throw new WorkflowException("RSW051", $"stage '{Stage}' is stale: {dry.Outcome.Reason}", dry.Reasons.FirstOrDefault(r => r.At is not null)?.At ?? stage.DeclaredAt);
        }
        var context = new BuildContext(options, log, plan);
        StageBuild build;
        // Yielded while it waits for its resource slots and runs its worker, so the node can start other stages
        // meanwhile: how many stages run at once is decided by the slots. (Measured: without yielding, MSBuild ran
        // ready stage instances one at a time, even with -m:4.) The price: TerminalLogger shows one line per node,
        // so a stage sharing its node with another shows its progress under that node's latest project, or not at
        // all once another project on that node has finished.
        var engine = BuildEngine as IBuildEngine3;
        engine?.Yield();
        try
        {
            build = new StageBuilder(context, this).Build(stage, upstream);
        }
        catch (WorkflowException e)
        {
            StageRecordFile.Write(options, Id, new StageBuild(new StageOutcome { Name = Stage, Key = "", Status = "failed", Reason = e.Message }, null, null, null));
            throw;
        }
        finally
        {
            context.SaveMemos();
            engine?.Reacquire();
        }
        StageRecordFile.Write(options, Id, build);
        Result = StageItems.From(options, build);
        var o = build.Outcome;
        var folder = Path.Combine(options.ExperimentDir, Stage);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, folder);
        var where = relative.StartsWith("..", StringComparison.Ordinal) ? folder : relative;
        var items = o.ItemsComputed + o.ItemsCached > 0 ? $", {o.ItemsComputed} items computed, {o.ItemsCached} cached" : "";
        // TerminalLogger prints a finished project with "→ <what follows ' -> '>" when a message has this form.
        Log.LogMessage(MessageImportance.High, $"{ProjectName ?? "Experiments"} -> {where} ({o.Status}{items})");
    }

    /// <summary>The worker takes the key's lock and commits the entry itself: the lock follows the computation.</summary>
    public bool CommitsUnderItsOwnLock => true;

    public bool Launch(StageRequest request, string requestFile)
    {
        if (_cancelled) return false;
        if (Options().RestoreOnly)
        {
            Log.LogError(null, "RSW411", null, null, 0, 0, 0, 0,
                $"stage '{request.Stage}'{(SweepPoint is { Length: > 0 } p ? $" of sweep point '{p}'" : "")} is not in the cache and this build only restores " +
                "(a sweep's aggregation after its Slurm jobs: the point's job failed or did not run; its log is in sweep/slurm/)");
            return false;
        }
        var tool = new WorkerTool
        {
            BuildEngine = BuildEngine, HostObject = HostObject, WorkerPath = WorkerPath, RequestFile = requestFile,
            EnvironmentVariables = [$"RSW_THREADS={Options().StageThreads}"],
        };
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
}
