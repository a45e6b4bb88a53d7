using RefusalSae.Engine.Config;

namespace RefusalSae.Engine.Building;

/// <summary>
/// Builds one experiment in this process: validates everything first, then builds the stages upstream-first through
/// <see cref="StageBuilder"/>, stopping at the first failure. Used by Status (a dry run), by a build in which nothing
/// has to run, and by the engine's tests; `dotnet build` otherwise lets MSBuild drive the stages (one project
/// instance per stage, in parallel), each calling the same <see cref="StageBuilder"/>.
/// </summary>
public sealed class ExperimentBuild(BuildOptions options, IStageLauncher launcher, IBuildLog log)
{
    public IReadOnlyList<StageOutcome> Run() => RunBuilds(new BuildContext(options, log)).Select(b => b.Outcome).ToList();

    /// <summary>A dry run that writes nothing: each stage's status and reasons (what Build's plan and -question use).</summary>
    public IReadOnlyList<StageBuild> Survey(BuildContext context)
    {
        var builder = new StageBuilder(context, launcher);
        var results = new Dictionary<string, UpstreamResult>(StringComparer.Ordinal);
        var builds = new List<StageBuild>();
        foreach (var stage in context.Plan.Stages)
        {
            var build = builder.Build(stage, results);
            builds.Add(build);
            if (build.HasResult) results[stage.Name] = build.AsUpstream();
        }
        context.SaveMemos();
        return builds;
    }

    public IReadOnlyList<StageBuild> RunBuilds(BuildContext context)
    {
        var plan = context.Plan;
        foreach (var note in plan.Config.Notes) log.Message(note, null, "RSW039");
        Directory.CreateDirectory(options.ExperimentDir);
        if (!options.DryRun) ExperimentRecord.WriteResolved(options, plan);
        var builder = new StageBuilder(context, launcher);
        var builds = new List<StageBuild>();
        var results = new Dictionary<string, UpstreamResult>(StringComparer.Ordinal);
        try
        {
            foreach (var stage in plan.Stages)
            {
                try
                {
                    var build = builder.Build(stage, results);
                    builds.Add(build);
                    if (build.HasResult) results[stage.Name] = build.AsUpstream();
                }
                catch (WorkflowException e)
                {
                    builds.Add(new StageBuild(new StageOutcome { Name = stage.Name, Key = "", Status = "failed", Reason = e.Message }, null, null, null));
                    throw;
                }
            }
        }
        finally
        {
            context.SaveMemos();
            ExperimentRecord.Write(options, plan, context.PreviousState, builds);
        }
        return builds;
    }

    /// <summary>The canonical JSON of the whole config, as resolved.json holds it.</summary>
    public static string ResolvedJson(ExperimentPlan plan) => CanonicalJson.Serialize(plan.Config.ToJson(), indented: true) + "\n";
}
