using Microsoft.Build.Framework;
using RefusalSae.Engine;
using RefusalSae.Engine.Building;

namespace RefusalSae.Tasks;

/// <summary>
/// The last step of a build whose stages ran as MSBuild instances: gathers every stage's record of this build
/// (failed ones included), writes resolved.json, state.json, dag.mmd and last-run.json, returns the stage results
/// and fails naming every stage that failed or could not run (MSBuild kept going past the first failure).
/// </summary>
public sealed class RecordExperiment : ExperimentTask
{
    /// <summary>The stages asked for (`-t:`); empty = the experiment's targets.</summary>
    public string? Targets { get; set; }

    [Output] public ITaskItem[] Results { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var options = Options();
        var plan = Plan(options);
        var asked = (Targets ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var stages = asked.Length > 0 ? plan.ClosureOf(asked) : plan.Stages;
        var builds = new List<StageBuild>();
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            var build = StageRecordFile.Read(options, Id, stage.Name);
            if (build is null)
            {
                var blocked = stage.Upstream.Where(failed.Contains).ToList();
                var reason = blocked.Count > 0 ? $"not run: upstream {string.Join(", ", blocked.Select(u => $"'{u}'"))} failed" : "not run (the build stopped before it)";
                build = new StageBuild(new StageOutcome { Name = stage.Name, Key = "", Status = "failed", Reason = reason }, null, null, null);
            }
            if (build.Outcome.Status == "failed") failed.Add(stage.Name);
            builds.Add(build);
        }
        ExperimentRecord.WriteResolved(options, plan);
        ExperimentRecord.Write(options, plan, ExperimentState.Read(Path.Combine(options.ExperimentDir, "state.json")), builds);
        Results = builds.Where(b => b.HasResult).Select(b => StageItems.From(options, b)).ToArray();
        Log.LogMessage(MessageImportance.High, $"experiment '{Experiment}': {Summary.Of(builds.Select(b => b.Outcome))}");
        if (failed.Count > 0)
            throw new WorkflowException("RSW409", $"{failed.Count} stage(s) failed or could not run: {string.Join(", ", builds.Where(b => failed.Contains(b.Outcome.Name)).Select(b => $"{b.Outcome.Name} ({b.Outcome.Reason})"))}");
    }
}
