namespace RefusalSae.Engine.Building;

/// <summary>
/// What a build leaves in artifacts/&lt;experiment&gt;/ besides the stage folders: resolved.json, dag.mmd,
/// last-run.json (status.json for a dry run) and state.json (the inputs of each stage's current result).
/// </summary>
public static class ExperimentRecord
{
    public static void WriteResolved(BuildOptions options, ExperimentPlan plan)
    {
        Directory.CreateDirectory(options.ExperimentDir);
        AtomicFile.WriteIfChanged(Path.Combine(options.ExperimentDir, "resolved.json"), ExperimentBuild.ResolvedJson(plan));
    }

    public static void Write(BuildOptions options, ExperimentPlan plan, ExperimentState previous, IReadOnlyList<StageBuild> builds)
    {
        var dir = options.ExperimentDir;
        Directory.CreateDirectory(dir);
        var outcomes = builds.Select(b => b.Outcome).ToList();
        var statuses = outcomes.ToDictionary(o => o.Name, o => o.Status, StringComparer.Ordinal);
        AtomicFile.WriteIfChanged(Path.Combine(dir, "dag.mmd"), MermaidDag.Render(plan.Stages, plan.DatasetIds, statuses));
        var run = new LastRun(options.Experiment, outcomes).ToJson() + "\n";
        if (options.DryRun) { AtomicFile.WriteAllText(Path.Combine(dir, "status.json"), run); return; }
        var state = new ExperimentState(new Dictionary<string, StageState>(previous.Stages, StringComparer.Ordinal));
        foreach (var b in builds.Where(b => b.State is not null)) state.Stages[b.Outcome.Name] = b.State!;
        AtomicFile.WriteIfChanged(Path.Combine(dir, "state.json"), state.ToJson() + "\n");
        AtomicFile.WriteAllText(Path.Combine(dir, "last-run.json"), run);
    }
}
