using System.Diagnostics;
using RefusalSae.Engine.Building;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests.Sweeps;

/// <summary>
/// The Slurm executor against a real single-node cluster (build/slurm-single-node.sh; .ci/run starts one): the points
/// run as one job array, each job an ordinary point build sharing the cache folder, and the local build only restores
/// and compares. Without a responding cluster the test skips naming what is missing (and fails under CI).
/// </summary>
public class SlurmSweepTests(ITestOutputHelper output)
{
    private static string? SlurmMissing()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo("sinfo", "-h -o %T") { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var state = p.StandardOutput.ReadToEnd().Trim();
            p.WaitForExit();
            return p.ExitCode == 0 && state.Length > 0 && !state.StartsWith("down", StringComparison.Ordinal) ? null : $"sinfo answered '{state}' (exit {p.ExitCode})";
        }
        catch (System.ComponentModel.Win32Exception) { return "sinfo is not installed"; }
    }

    private static void RequireCluster()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_val.json"));
        if (SlurmMissing() is { } why)
        {
            var message = $"no running Slurm cluster: {why}; start one with `bash build/slurm-single-node.sh` and export SLURM_CONF";
            if (ThirdParty.Required) Assert.Fail(message + " (RSW_REQUIRE_THIRD_PARTY=1 turns this skip into a failure)");
            Assert.Skip(message);
        }
    }

    private static readonly string[] Points = ["decimals=0", "decimals=1", "decimals=2"];

    [Fact]
    public void A_slurm_sweep_runs_each_point_as_an_array_job_and_the_local_build_only_aggregates()
    {
        RequireCluster();
        var artifacts = Directory.CreateTempSubdirectory("rsw-slurm-").FullName;
        try
        {
            var build = DotnetBuild.Experiments("-p:Experiment=smoke-sweep", $"-p:ArtifactsRoot={artifacts}/", "-p:SweepExecutor=slurm");
            Assert.True(build.ExitCode == 0, build.Output);

            var jobs = Path.Combine(artifacts, "smoke-sweep", "sweep", "slurm");
            var logs = Directory.GetFiles(jobs, "point-*.out").Order().ToList();
            Assert.Equal(3, logs.Count);
            Assert.All(logs, l => Assert.Contains("Build succeeded", File.ReadAllText(l)));
            foreach (var point in Points)
            {
                var local = LastRun.Read(Path.Combine(artifacts, "smoke-sweep", "points", point, "last-run.json")).Stages;
                Assert.All(local, s => Assert.NotEqual("ran", s.Status));   // computed by the array jobs, not here
            }
            Assert.Equal(7, File.ReadAllLines(Path.Combine(artifacts, "smoke-sweep", "sweep", "sweep.csv")).Length);
        }
        finally { Directory.Delete(artifacts, recursive: true); }
    }

    /// <summary>
    /// smoke-sweep's three points share prompt-stats (per item, 8 prompts), so its 6 jobs (3 points × 2 shards) all
    /// build it: whichever shards and points get there first, each prompt is computed once in the whole array.
    /// </summary>
    [Fact]
    public void A_slurm_sweep_with_two_shards_per_point_computes_each_item_once_across_its_six_jobs_and_aggregates_as_unsharded()
    {
        RequireCluster();
        var artifacts = Directory.CreateTempSubdirectory("rsw-slurm-shards-").FullName;
        var local = Directory.CreateTempSubdirectory("rsw-slurm-unsharded-").FullName;
        try
        {
            var clock = Stopwatch.StartNew();
            var build = DotnetBuild.Experiments("-p:Experiment=smoke-sweep", $"-p:ArtifactsRoot={artifacts}/", "-p:SweepExecutor=slurm", "-p:SlurmShards=2");
            output.WriteLine($"sharded Slurm sweep: {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(build.ExitCode == 0, build.Output);

            var jobs = Path.Combine(artifacts, "smoke-sweep", "sweep", "slurm");
            var logs = Directory.GetFiles(jobs, "point-*-shard-*.out").Order().ToList();
            Assert.Equal(6, logs.Count);
            Assert.All(logs, l => Assert.Contains("Build succeeded", File.ReadAllText(l)));
            Assert.Equal(Points.SelectMany(p => new[] { $"point {p} shard 0/2", $"point {p} shard 1/2" }).Order(),
                logs.Select(l => File.ReadLines(l).First().Split(" on ")[0]).Order());

            var promptStats = new List<StageOutcome>();
            foreach (var point in Points)
            {
                for (var shard = 0; shard < 2; shard++)
                {
                    var job = LastRun.Read(Path.Combine(artifacts, "smoke-sweep", "points", point, $"shard-{shard}-of-2", "last-run.json")).Stages;
                    var stats = job.Single(s => s.Name == "prompt-stats");
                    output.WriteLine($"{point} shard {shard}/2: prompt-stats {stats.Status}, {stats.ItemsComputed} items computed ({stats.Reason})");
                    Assert.Contains(stats.Shard, new[] { $"{shard}/2", null });   // null: committed before this job reached it
                    promptStats.Add(stats);
                }
                var aggregated = LastRun.Read(Path.Combine(artifacts, "smoke-sweep", "points", point, "last-run.json")).Stages;
                Assert.All(aggregated, s => Assert.Equal("restored", s.Status));   // computed by the array jobs, not here
            }
            Assert.Equal(8, promptStats.Sum(s => s.ItemsComputed));   // each of the 8 prompts once, in the whole array
            Assert.Single(promptStats, s => s.Status == "ran");       // and the stage itself built once from them

            clock.Restart();
            var unsharded = DotnetBuild.Experiments("-p:Experiment=smoke-sweep", $"-p:ArtifactsRoot={local}/");
            output.WriteLine($"the same sweep locally, unsharded, own cache: {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(unsharded.ExitCode == 0, unsharded.Output);
            var table = File.ReadAllText(Path.Combine(artifacts, "smoke-sweep", "sweep", "sweep.csv"));
            Assert.Equal(7, table.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Equal(File.ReadAllText(Path.Combine(local, "smoke-sweep", "sweep", "sweep.csv")), table);
        }
        finally
        {
            Directory.Delete(artifacts, recursive: true);
            Directory.Delete(local, recursive: true);
        }
    }
}
