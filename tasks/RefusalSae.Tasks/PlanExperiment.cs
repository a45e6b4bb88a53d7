using Microsoft.Build.Framework;
using RefusalSae.Engine;
using RefusalSae.Engine.Building;
using RefusalSae.Engine.Pipeline;

namespace RefusalSae.Tasks;

/// <summary>
/// The first step of `Build`: validates the experiment, regenerates the stage targets when pipeline.yaml changed, and
/// works out which stages are stale (a dry run). With `-question` (FailIfNotIncremental) every stale stage is an
/// error at its YAML location and nothing runs. When nothing is stale (and no user hook or -p:Force asks for the
/// stage targets) it records the experiment itself, in this process: the fast no-op. Otherwise it names the stage
/// instances MSBuild builds next.
/// </summary>
public sealed class PlanExperiment : ExperimentTask, IIncrementalTask
{
    /// <summary>Where the generated stage targets live (rewritten only when different).</summary>
    public string? StageTargetsFile { get; set; }
    /// <summary>False when user hooks are imported: then every stage goes through its target, even when cached.</summary>
    public bool AllowInProcess { get; set; } = true;

    public bool FailIfNotIncremental { get; set; }

    /// <summary>The stage instances to build (the experiment's final stages; their upstream follows).</summary>
    [Output] public ITaskItem[] StageInstances { get; private set; } = [];
    /// <summary>True when this task already recorded the experiment (nothing had to run).</summary>
    [Output] public bool Done { get; private set; }
    [Output] public ITaskItem[] Results { get; private set; } = [];

    protected override void ExecuteCore()
    {
        var options = Options(dryRun: true);
        var plan = Plan(options);
        foreach (var note in plan.Config.Notes) Log.LogMessage(null, "RSW039", null, null, 0, 0, 0, 0, MessageImportance.High, note);
        if (!FailIfNotIncremental && StageTargetsFile is { Length: > 0 } file && AtomicFile.WriteIfChanged(file, StageTargets.Generate(PipelineDeclaration.Load(RepoRoot))))
            Log.LogWarning(null, "RSW061", null, file, 0, 0, 0, 0,
                "the stage targets were regenerated from experiments/pipeline.yaml (commit the file); a new stage's -t: target exists from the next build on");

        var quiet = new CollectingLog();
        var context = new BuildContext(options, quiet, plan);
        var dry = new ExperimentBuild(options, NoLauncher.Instance, quiet).Survey(context);
        var stale = dry.Where(b => b.Outcome.Status == "stale").ToList();
        if (FailIfNotIncremental)
        {
            foreach (var b in stale)
            {
                var stage = plan.Pipeline.ByName[b.Outcome.Name];
                var at = b.Reasons.FirstOrDefault(r => r.At is not null)?.At ?? stage.DeclaredAt;
                Log.LogError(null, "RSW051", null, at.File, at.Line, at.Column, 0, 0, $"stage '{stage.Name}' is stale: {b.Outcome.Reason}");
            }
            if (stale.Count == 0) { Done = true; Log.LogMessage(MessageImportance.High, $"experiment '{Experiment}': all {dry.Count} stages up to date"); }
            return;
        }
        PlanFile.Write(options, Id, dry.Select(b => b.Outcome.Name).ToList(), stale.Select(b => b.Outcome.Name).ToList());
        if (stale.Count == 0 && AllowInProcess && options.Force.Count == 0)
        {
            var real = options with { DryRun = false };
            var builds = new ExperimentBuild(real, NoLauncher.Instance, new MSBuildLog(Log)).RunBuilds(new BuildContext(real, new MSBuildLog(Log), plan));
            Results = builds.Select(b => StageItems.From(real, b)).ToArray();
            Done = true;
            Log.LogMessage(MessageImportance.High, $"experiment '{Experiment}': {Summary.Of(builds.Select(b => b.Outcome))}");
            return;
        }
        var upstreamOfSomething = plan.Stages.SelectMany(s => s.Upstream).ToHashSet(StringComparer.Ordinal);
        StageInstances = plan.Stages.Where(s => !upstreamOfSomething.Contains(s.Name)).Select(s => StageItems.Instance(s.Name)).ToArray();
    }

    private sealed class CollectingLog : IBuildLog
    {
        public void Message(string text, SourceLocation? at = null, string? code = null) { }
        public void Warning(string code, string text, SourceLocation? at = null) { }
    }
}

/// <summary>The launcher of a build in which nothing may run (the plan found nothing stale).</summary>
internal sealed class NoLauncher : IStageLauncher
{
    public static readonly NoLauncher Instance = new();

    public bool Launch(RefusalSae.Engine.Stages.StageRequest request, string requestFile) =>
        throw new WorkflowException("RSW410", $"stage '{request.Stage}' became stale while the build was planned; build again");
}

/// <summary>"3 ran, 17 cached".</summary>
internal static class Summary
{
    public static string Of(IEnumerable<StageOutcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => o.Status).Select(g => $"{g.Count()} {g.Key}"));
}
