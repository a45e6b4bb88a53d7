using System.Text.Json.Nodes;
using RefusalSae.Engine.Building;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests.Sweeps;

/// <summary>
/// Real `dotnet build experiments` runs of a sweep over the smoke experiment (experiments/smoke-sweep.yaml: three
/// values of smoke.table.decimals) into a temporary artifacts folder: each point is an ordinary cached build in
/// artifacts/smoke-sweep/points/ID/, points share the stages they do not change, and sweep/ compares them.
/// </summary>
public class SweepBuildTests
{
    private static readonly string[] Points = ["decimals=0", "decimals=1", "decimals=2"];

    private static Dictionary<string, StageOutcome> Stages(string artifacts, string experiment, string point) =>
        LastRun.Read(Path.Combine(artifacts, experiment, "points", point, "last-run.json")).Stages.ToDictionary(s => s.Name);

    [Fact]
    public void A_sweep_builds_every_point_computes_shared_stages_once_and_compares_the_points()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_val.json"));
        var artifacts = Directory.CreateTempSubdirectory("rsw-sweep-").FullName;
        try
        {
            var build = DotnetBuild.Experiments("-p:Experiment=smoke-sweep", $"-p:ArtifactsRoot={artifacts}/");
            Assert.True(build.ExitCode == 0, build.Output);

            var stages = Points.ToDictionary(p => p, p => Stages(artifacts, "smoke-sweep", p));
            Assert.Equal(1, stages.Values.Count(s => s["prompt-stats"].Status == "ran"));
            Assert.All(stages.Values, s => Assert.Equal("ran", s["stats-table"].Status));
            var provenance = JsonNode.Parse(File.ReadAllText(Path.Combine(artifacts, "smoke-sweep", "sweep", "provenance.json")))!;
            var keys = provenance["points"]!.AsArray().Select(p => p!["stage_keys"]!["prompt-stats"]!.GetValue<string>()).Distinct().ToList();
            Assert.Single(keys);   // one cache entry serves every point

            var csv = File.ReadAllLines(Path.Combine(artifacts, "smoke-sweep", "sweep", "sweep.csv"));
            Assert.Equal("smoke.table.decimals,measure,mean,max", csv[0]);
            Assert.Equal(["0,characters", "0,words", "1,characters", "1,words", "2,characters", "2,words"],
                csv[1..].Select(l => string.Join(',', l.Split(',')[..2])));
            var max = csv[1..].Select(l => l.Split(',')).GroupBy(c => c[1]).ToDictionary(g => g.Key, g => g.Select(c => c[3]).Distinct().Count());
            Assert.All(max.Values, n => Assert.Equal(1, n));   // rounding the means leaves the maxima alone
            Assert.True(File.Exists(Path.Combine(artifacts, "smoke-sweep", "sweep", "sweep_mean.png")));
            Assert.True(File.Exists(Path.Combine(artifacts, "smoke-sweep", "sweep", "sweep_mean.svg")));
            Assert.Contains("<h1>Sweep: smoke-sweep</h1>", File.ReadAllText(Path.Combine(artifacts, "smoke-sweep", "sweep", "index.html")));

            var again = DotnetBuild.Experiments("-p:Experiment=smoke-sweep", $"-p:ArtifactsRoot={artifacts}/");
            Assert.True(again.ExitCode == 0, again.Output);
            Assert.All(Points, p => Assert.All(Stages(artifacts, "smoke-sweep", p).Values, s => Assert.Equal("cached", s.Status)));
        }
        finally { Directory.Delete(artifacts, recursive: true); }
    }

    [Fact]
    public void Adding_a_value_builds_only_the_new_point_and_removing_one_builds_nothing()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_val.json"));
        var artifacts = Directory.CreateTempSubdirectory("rsw-sweep-").FullName;
        var name = $"sweep-test-{Guid.NewGuid():N}"[..20];
        var yaml = Path.Combine(Paths.RepoRoot, "experiments", name + ".yaml");
        string Sweep(string values) => $"extends: smoke\nsweep:\n  grid:\n    smoke.table.decimals: [{values}]\n";
        try
        {
            File.WriteAllText(yaml, Sweep("0, 1"));
            var first = DotnetBuild.Experiments($"-p:Experiment={name}", $"-p:ArtifactsRoot={artifacts}/");
            Assert.True(first.ExitCode == 0, first.Output);

            File.WriteAllText(yaml, Sweep("0, 1, 2"));
            var added = DotnetBuild.Experiments($"-p:Experiment={name}", $"-p:ArtifactsRoot={artifacts}/");
            Assert.True(added.ExitCode == 0, added.Output);
            Assert.All(Points[..2], p => Assert.All(Stages(artifacts, name, p).Values, s => Assert.Equal("cached", s.Status)));
            var fresh = Stages(artifacts, name, "decimals=2");
            Assert.Equal("ran", fresh["stats-table"].Status);
            Assert.NotEqual("ran", fresh["prompt-stats"].Status);   // shared with the other points through the cache

            File.WriteAllText(yaml, Sweep("0, 2"));
            var removed = DotnetBuild.Experiments($"-p:Experiment={name}", $"-p:ArtifactsRoot={artifacts}/");
            Assert.True(removed.ExitCode == 0, removed.Output);
            Assert.All(new[] { "decimals=0", "decimals=2" }, p => Assert.All(Stages(artifacts, name, p).Values, s => Assert.Equal("cached", s.Status)));
        }
        finally
        {
            File.Delete(yaml);
            Directory.Delete(artifacts, recursive: true);
        }
    }

    [Fact]
    public void A_malformed_sweep_fails_at_its_yaml_line_before_any_point_builds()
    {
        var artifacts = Directory.CreateTempSubdirectory("rsw-sweep-").FullName;
        var name = $"sweep-bad-{Guid.NewGuid():N}"[..19];
        var yaml = Path.Combine(Paths.RepoRoot, "experiments", name + ".yaml");
        try
        {
            File.WriteAllText(yaml, "extends: smoke\nsweep:\n  grid:\n    smoke.table.decimal: [1, 2]\n");
            var result = DotnetBuild.Experiments($"-p:Experiment={name}", $"-p:ArtifactsRoot={artifacts}/");
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains($"experiments/{name}.yaml(4,5): error RSW085: sweep.grid: unknown config key 'smoke.table.decimal'", result.Output);
            Assert.False(Directory.Exists(Path.Combine(artifacts, name, "points")));
        }
        finally
        {
            File.Delete(yaml);
            Directory.Delete(artifacts, recursive: true);
        }
    }
}
