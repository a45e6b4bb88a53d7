using System.Diagnostics;
using RefusalSae.Engine.Building;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests.Sweeps;

/// <summary>
/// The Slurm executor against a real single-node cluster (build/slurm-single-node.sh; .ci/run starts one): the points
/// run as one job array, each job an ordinary point build sharing the cache folder, and the local build only restores
/// and compares. Without a responding cluster the test skips naming what is missing (and fails under CI).
/// </summary>
public class SlurmSweepTests
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

    [Fact]
    public void A_slurm_sweep_runs_each_point_as_an_array_job_and_the_local_build_only_aggregates()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_val.json"));
        if (SlurmMissing() is { } why)
        {
            var message = $"no running Slurm cluster: {why}; start one with `bash build/slurm-single-node.sh` and export SLURM_CONF";
            if (ThirdParty.Required) Assert.Fail(message + " (RSW_REQUIRE_THIRD_PARTY=1 turns this skip into a failure)");
            Assert.Skip(message);
        }
        var artifacts = Directory.CreateTempSubdirectory("rsw-slurm-").FullName;
        try
        {
            var build = DotnetBuild.Experiments("-p:Experiment=smoke-sweep", $"-p:ArtifactsRoot={artifacts}/", "-p:SweepExecutor=slurm");
            Assert.True(build.ExitCode == 0, build.Output);

            var jobs = Path.Combine(artifacts, "smoke-sweep", "sweep", "slurm");
            var logs = Directory.GetFiles(jobs, "point-*.out").Order().ToList();
            Assert.Equal(3, logs.Count);
            Assert.All(logs, l => Assert.Contains("Build succeeded", File.ReadAllText(l)));
            foreach (var point in new[] { "decimals=0", "decimals=1", "decimals=2" })
            {
                var local = LastRun.Read(Path.Combine(artifacts, "smoke-sweep", "points", point, "last-run.json")).Stages;
                Assert.All(local, s => Assert.NotEqual("ran", s.Status));   // computed by the array jobs, not here
            }
            Assert.Equal(7, File.ReadAllLines(Path.Combine(artifacts, "smoke-sweep", "sweep", "sweep.csv")).Length);
        }
        finally { Directory.Delete(artifacts, recursive: true); }
    }
}
