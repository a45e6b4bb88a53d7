using System.Diagnostics;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests.Faults;

/// <summary>
/// A few of the malformed experiments through a real `dotnet build experiments`: the MSBuild error names the experiment
/// YAML's line and column (or the -p:Set entry), carries the allowed values and no stack trace, and no stage runs.
/// </summary>
public class MalformedExperimentBuildTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("paper:\n  features:\n    k_star: -5\n", "", "(4,13): error RSW030: 'paper.features.k_star' = -5: expected ≥ 1")]
    [InlineData("paper:\n  subject:\n    device: tpu\n", "", "(4,13): error RSW036: 'paper.subject.device' = 'tpu' is not a device; expected cpu, cuda or cuda:N")]
    [InlineData("", "-p:Set=toy.train.steps=30%3Bpaper.judge.backend=gpt5", "-p:Set(2,20): error RSW031: 'paper.judge.backend' = 'gpt5': expected one of none, local, openai")]
    public void A_malformed_experiment_fails_the_build_at_its_place_before_any_stage_runs(string yaml, string set, string expected)
    {
        var name = $"faults-bad-{Guid.NewGuid():N}"[..19];
        var experiment = Path.Combine(Paths.RepoRoot, "experiments", name + ".yaml");
        var artifacts = Directory.CreateTempSubdirectory("rsw-bad-").FullName;
        try
        {
            File.WriteAllText(experiment, "extends: toy-ci\n" + yaml);
            var clock = Stopwatch.StartNew();
            var result = DotnetBuild.Experiments([$"-p:Experiment={name}", $"-p:ArtifactsRoot={artifacts}/", .. set.Length > 0 ? new[] { set } : []]);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s\n{result.Output}");

            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains((set.Length > 0 ? "" : $"experiments/{name}.yaml") + expected, result.Output);
            Assert.DoesNotContain("   at ", result.Output);
            Assert.DoesNotContain("running (key", result.Output);
            Assert.False(Directory.Exists(Path.Combine(artifacts, name)), "no experiment folder before the config is valid");
        }
        finally
        {
            File.Delete(experiment);
            Directory.Delete(artifacts, recursive: true);
        }
    }
}
