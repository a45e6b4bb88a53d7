using RefusalSae.Engine.Building;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests;

/// <summary>
/// Real `dotnet build experiments -p:Experiment=smoke` runs (cheap real stages over a catalog dataset) into a
/// temporary artifacts folder: incremental behaviour is read from last-run.json, as tools and CI would.
/// </summary>
public class SmokeExperimentTests
{
    [Fact]
    public void A_second_build_runs_zero_stages_and_an_override_reruns_exactly_its_dependents()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_val.json"));
        var artifacts = Directory.CreateTempSubdirectory("rsw-smoke-").FullName;
        try
        {
            var props = new[] { "-p:Experiment=smoke", $"-p:ArtifactsRoot={artifacts}/" };
            var lastRun = Path.Combine(artifacts, "smoke", "last-run.json");

            var first = DotnetBuild.Experiments(props);
            Assert.True(first.ExitCode == 0, first.Output);
            Assert.Equal(["ran", "ran"], LastRun.Read(lastRun).Stages.Select(s => s.Status));
            Assert.Contains("progress: prompt-stats 8/8 prompts", first.Output);

            var second = DotnetBuild.Experiments(props);
            Assert.True(second.ExitCode == 0, second.Output);
            var noop = LastRun.Read(lastRun);
            Assert.Equal(["prompt-stats", "stats-table"], noop.Stages.Select(s => s.Name));
            Assert.All(noop.Stages, s => Assert.Equal("cached", s.Status));

            var changed = DotnetBuild.Experiments([.. props, "-p:Set=smoke.table.decimals=3"]);
            Assert.True(changed.ExitCode == 0, changed.Output);
            var rerun = LastRun.Read(lastRun).Stages.ToDictionary(s => s.Name);
            Assert.Equal("cached", rerun["prompt-stats"].Status);
            Assert.Equal("ran", rerun["stats-table"].Status);
            Assert.Contains("config smoke.table.decimals 2 → 3", rerun["stats-table"].Reason);
            Assert.Contains("| characters | 88.750 |", File.ReadAllText(Path.Combine(artifacts, "smoke", "stats-table", "stats.md")));

            var status = DotnetBuild.Experiments([.. props, "-t:Status", "-p:Set=smoke.prompts.lowercase=true"]);
            Assert.True(status.ExitCode == 0, status.Output);
            Assert.Contains("-p:Set(1,1): message RSW050: stage 'prompt-stats' is stale: config smoke.prompts.lowercase false → true", status.Output);
            var planned = LastRun.Read(Path.Combine(artifacts, "smoke", "status.json")).Stages.ToDictionary(s => s.Name);
            Assert.Equal("stale", planned["prompt-stats"].Status);
            Assert.Equal("upstream 'prompt-stats' will rerun", planned["stats-table"].Reason);
            Assert.Equal("ran", LastRun.Read(lastRun).Stages[1].Status);   // a dry run leaves last-run.json alone
        }
        finally { Directory.Delete(artifacts, recursive: true); }
    }

    [Fact]
    public void An_unknown_override_key_fails_the_build_before_any_stage_runs()
    {
        var artifacts = Directory.CreateTempSubdirectory("rsw-smoke-").FullName;
        try
        {
            var result = DotnetBuild.Experiments("-p:Experiment=smoke", $"-p:ArtifactsRoot={artifacts}/", "-p:Set=smoke.table.decimls=3");
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("error RSW010: unknown key 'smoke.table.decimls' in -p:Set; did you mean 'smoke.table.decimals'?", result.Output);
            Assert.False(File.Exists(Path.Combine(artifacts, "smoke", "last-run.json")));
        }
        finally { Directory.Delete(artifacts, recursive: true); }
    }

    [Fact]
    public void A_missing_experiment_file_is_reported_by_its_path()
    {
        var result = DotnetBuild.Experiments("-p:Experiment=no-such-experiment", "-t:Status");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("experiments/no-such-experiment.yaml : error RSW002: experiment file not found", result.Output);
    }
}
