using RefusalSae.Engine.Building;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests;

/// <summary>
/// The MSBuild vocabulary on the smoke experiment (seconds, no TorchSharp), through real `dotnet build` runs into a
/// temporary artifacts folder: -t:&lt;stage&gt;, -question, Clean, Rebuild, -p:Force, Build's returned items and a
/// user's hook in a separate .targets file.
/// </summary>
public class MSBuildVocabularyTests
{
    [Fact]
    public void A_stage_target_question_clean_rebuild_and_force_behave_as_msbuild_users_expect()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_val.json"));
        var artifacts = Directory.CreateTempSubdirectory("rsw-vocab-").FullName;
        try
        {
            var props = new[] { "-p:Experiment=smoke", $"-p:ArtifactsRoot={artifacts}/" };
            var exp = Path.Combine(artifacts, "smoke");
            var lastRun = Path.Combine(exp, "last-run.json");

            // -t:<stage> builds that stage (and its upstream, here none), not the experiment's other stages.
            var one = DotnetBuild.Experiments([.. props, "-t:prompt-stats"]);
            Assert.True(one.ExitCode == 0, one.Output);
            Assert.Equal([("prompt-stats", "ran")], LastRun.Read(lastRun).Stages.Select(s => (s.Name, s.Status)));
            Assert.False(Directory.Exists(Path.Combine(exp, "stats-table")));

            // -question on a stale experiment: fails, names the stale stage at its YAML location, runs nothing.
            var stale = DotnetBuild.Experiments([.. props, "-question"]);
            Assert.NotEqual(0, stale.ExitCode);
            Assert.Matches(@"experiments/pipeline\.yaml\(\d+,3\): error RSW051: stage 'stats-table' is stale: never built in this experiment", stale.Output);
            Assert.DoesNotContain("running (key", stale.Output);
            Assert.False(Directory.Exists(Path.Combine(exp, "stats-table")));

            // -p:Set takes | between assignments (MSBuild splits -p: values at a bare ;).
            var overridden = DotnetBuild.Experiments([.. props, "-question", "-p:Set=smoke.table.decimals=3|smoke.prompts.lowercase=true"]);
            Assert.NotEqual(0, overridden.ExitCode);
            // An override is located at its -p:Set entry and column (issue 17).
            Assert.Matches(@"-p:Set\(\d+,\d+\): error RSW051: stage 'prompt-stats' is stale: config smoke\.prompts\.lowercase false → true", overridden.Output);

            var build = DotnetBuild.Experiments(props);
            Assert.True(build.ExitCode == 0, build.Output);
            Assert.Equal(["cached", "ran"], LastRun.Read(lastRun).Stages.Select(s => s.Status));

            // -question on an up-to-date experiment: succeeds and runs nothing (the tools target included).
            var stamp = File.GetLastWriteTimeUtc(lastRun);
            var upToDate = DotnetBuild.Experiments([.. props, "-question"]);
            Assert.True(upToDate.ExitCode == 0, upToDate.Output);
            Assert.DoesNotContain("running (key", upToDate.Output);
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(lastRun));

            // Clean removes the workspace, never the cache; Rebuild restores every stage from the cache.
            var clean = DotnetBuild.Experiments([.. props, "-t:Clean"]);
            Assert.True(clean.ExitCode == 0, clean.Output);
            Assert.False(Directory.Exists(exp));
            Assert.True(Directory.Exists(Path.Combine(artifacts, "cache", "stages")));
            var rebuild = DotnetBuild.Experiments([.. props, "-t:Rebuild"]);
            Assert.True(rebuild.ExitCode == 0, rebuild.Output);
            Assert.All(LastRun.Read(lastRun).Stages, s => Assert.Equal("restored", s.Status));
            Assert.DoesNotContain("running (key", rebuild.Output);
            Assert.True(File.Exists(Path.Combine(exp, "stats-table", "stats.md")));

            // -p:Force recomputes a cached stage and reports whether its outputs are byte-identical to the cached ones.
            var forced = DotnetBuild.Experiments([.. props, "-p:Force=prompt-stats"]);
            Assert.True(forced.ExitCode == 0, forced.Output);
            var after = LastRun.Read(lastRun).Stages.ToDictionary(s => s.Name);
            Assert.Equal("ran", after["prompt-stats"].Status);
            Assert.Equal(8, after["prompt-stats"].ItemsComputed);
            Assert.Equal("forced: byte-identical to the cached result (1 file)", after["prompt-stats"].Reason);
            Assert.Equal("cached", after["stats-table"].Status);
        }
        finally { Directory.Delete(artifacts, recursive: true); }
    }

    [Fact]
    public void A_user_step_hooked_between_two_stages_runs_once_after_the_first_and_before_the_second()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_val.json"));
        var artifacts = Directory.CreateTempSubdirectory("rsw-hooks-").FullName;
        try
        {
            var hooks = Path.Combine(artifacts, "hooks.targets");
            var log = Path.Combine(artifacts, "user-step.log");
            File.WriteAllText(hooks, $"""
                <Project>
                  <Target Name="UserStep" BeforeTargets="stats-table">
                    <WriteLinesToFile File="{log}" Lines="user step in $(WorkflowStage): prompt-stats output present = $([System.IO.File]::Exists('{artifacts}/smoke/prompt-stats/prompt_stats.jsonl'))" />
                  </Target>
                  <Target Name="UserDependency">
                    <WriteLinesToFile File="{log}" Lines="dependency of $(WorkflowStage)" />
                  </Target>
                  <PropertyGroup>
                    <StatsTableDependsOn>$(StatsTableDependsOn);UserDependency</StatsTableDependsOn>
                  </PropertyGroup>
                </Project>
                """);
            var result = DotnetBuild.Experiments("-p:Experiment=smoke", $"-p:ArtifactsRoot={artifacts}/", $"-p:WorkflowCustomTargets={hooks}");
            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Equal(["dependency of stats-table", "user step in stats-table: prompt-stats output present = True"], File.ReadAllLines(log));
            Assert.True(result.Output.IndexOf("stage 'prompt-stats': ran", StringComparison.Ordinal) < result.Output.IndexOf("stage 'stats-table': running", StringComparison.Ordinal));

            // Hooks run on a no-op build too: the stages then still go through their targets.
            File.Delete(log);
            var again = DotnetBuild.Experiments("-p:Experiment=smoke", $"-p:ArtifactsRoot={artifacts}/", $"-p:WorkflowCustomTargets={hooks}");
            Assert.True(again.ExitCode == 0, again.Output);
            Assert.Equal(2, File.ReadAllLines(log).Length);
        }
        finally { Directory.Delete(artifacts, recursive: true); }
    }

    [Fact]
    public void Build_returns_one_item_per_stage_with_its_status_and_output_hash()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_val.json"));
        var artifacts = Directory.CreateTempSubdirectory("rsw-returns-").FullName;
        try
        {
            var consumer = Path.Combine(artifacts, "Consumer.proj");
            File.WriteAllText(consumer, $"""
                <Project>
                  <Target Name="Build">
                    <MSBuild Projects="{Paths.RepoRoot}/experiments/Experiments.proj" Properties="Experiment=smoke;ArtifactsRoot={artifacts}/">
                      <Output TaskParameter="TargetOutputs" ItemName="StageResult" />
                    </MSBuild>
                    <Message Importance="High" Text="result: %(StageResult.Stage) %(StageResult.Status) %(StageResult.OutputHash) %(StageResult.Identity)" />
                  </Target>
                </Project>
                """);
            var result = DotnetBuild.Project(consumer);
            Assert.True(result.ExitCode == 0, result.Output);
            var lines = result.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("result: ", StringComparison.Ordinal)).ToList();
            Assert.Equal(2, lines.Count);
            Assert.Contains(lines, l => l.StartsWith("result: prompt-stats ran ", StringComparison.Ordinal) && l.EndsWith($"{artifacts}/smoke/prompt-stats/", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("result: stats-table ran ", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.Matches(" [0-9a-f]{32} ", l));
        }
        finally { Directory.Delete(artifacts, recursive: true); }
    }
}
