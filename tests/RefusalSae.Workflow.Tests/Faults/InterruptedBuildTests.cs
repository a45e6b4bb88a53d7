using System.Text.RegularExpressions;
using RefusalSae.Engine.Building;
using RefusalSae.Engine.Cache;
using RefusalSae.Engine.Keys;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests.Faults;

/// <summary>
/// Issue 17's process faults through real `dotnet build` runs: a build terminated during a TorchSharp stage leaves no
/// worker and no held lock and resumes to the same results; two concurrent builds compute each stage once.
/// </summary>
public partial class InterruptedBuildTests(ITestOutputHelper output)
{
    [GeneratedRegex(@"progress: train-model (?<done>\d+)/150 steps")] private static partial Regex TrainProgress();

    [Fact]
    public void A_build_terminated_during_training_leaves_no_worker_nor_lock_and_resumes_to_the_same_results()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_train.json"));
        var name = $"faults-sigterm-{Guid.NewGuid():N}"[..22];
        var experiment = Path.Combine(Paths.RepoRoot, "experiments", name + ".yaml");
        var root = Directory.CreateTempSubdirectory("rsw-sigterm-").FullName;
        try
        {
            // toy-ci up to behaviour: corpus, tokenizer, train-model (TorchSharp, checkpoints every 10 steps), behaviour.
            // 150 steps, not toy-ci's 30: on an idle machine 30 steps take 1.5 s, so the SIGTERM sent on seeing step 10
            // (progress lines are throttled) could land after training had finished and its scratch was removed.
            File.WriteAllText(experiment, "extends: toy-ci\ntargets: [behaviour]\ntoy:\n  train:\n    steps: 150\n");
            string[] Props(string artifacts) => [$"-p:Experiment={name}", $"-p:ArtifactsRoot={artifacts}/"];
            var interrupted = Path.Combine(root, "interrupted");

            using (var build = new BuildProcess(Props(interrupted)))
            {
                var reached = build.WaitFor(l => TrainProgress().Match(l) is { Success: true } m && int.Parse(m.Groups["done"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 10, TimeSpan.FromMinutes(8));
                Assert.True(reached, "the build never reached step 10 of train-model while running:\n" + build.Output);
                build.Signal("TERM");
                var code = build.WaitForExit();
                output.WriteLine($"exit code after SIGTERM: {code}\n{build.Output}");
                // 143 = 128 + SIGTERM: a terminated build must not look like a successful one to CI or a scheduler.
                Assert.Equal(143, code);
                Assert.Contains("received SIGTERM", build.Output);
                Assert.DoesNotContain("stage 'train-model': ran", build.Output);
            }
            // The worker notices its parent's death within 250 ms, cancels, and exits by itself within its grace period.
            var gone = System.Diagnostics.Stopwatch.StartNew();
            while (BuildProcess.Workers(interrupted).Count > 0 && gone.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(100);
            output.WriteLine($"workers gone {gone.Elapsed.TotalSeconds:0.0} s after the build exited");
            Assert.Empty(BuildProcess.Workers(interrupted));
            var cache = Path.Combine(interrupted, "cache");
            var locks = Directory.Exists(Path.Combine(cache, "locks")) ? Directory.GetFiles(Path.Combine(cache, "locks"), "*.lock") : [];
            Assert.All(locks, l => Assert.False(KeyLock.IsHeld(l), $"{l} is still held"));
            Assert.NotEmpty(Directory.GetFiles(Path.Combine(cache, "scratch"), "*", SearchOption.AllDirectories));   // the checkpoint to resume from

            var resumed = DotnetBuild.Experiments(Props(interrupted));
            Assert.True(resumed.ExitCode == 0, resumed.Output);
            Assert.Contains("resuming training at step", resumed.Output);
            var reference = DotnetBuild.Experiments(Props(Path.Combine(root, "reference")));
            Assert.True(reference.ExitCode == 0, reference.Output);

            foreach (var stage in new[] { "train-model", "behaviour" })
            {
                var a = StageCache.HashTree(Path.Combine(interrupted, name, stage)).Where(f => !f.Path.EndsWith(".png", StringComparison.Ordinal) && !f.Path.EndsWith(".svg", StringComparison.Ordinal) && !f.Path.Contains("training_log", StringComparison.Ordinal));
                var b = StageCache.HashTree(Path.Combine(root, "reference", name, stage)).Where(f => !f.Path.EndsWith(".png", StringComparison.Ordinal) && !f.Path.EndsWith(".svg", StringComparison.Ordinal) && !f.Path.Contains("training_log", StringComparison.Ordinal));
                Assert.Equal(b.Select(f => (f.Path, f.Hash)), a.Select(f => (f.Path, f.Hash)));
            }
        }
        finally
        {
            File.Delete(experiment);
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void Two_concurrent_builds_compute_each_stage_once_and_say_which_build_computed_it()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_val.json"));
        var root = Directory.CreateTempSubdirectory("rsw-concurrent-").FullName;
        try
        {
            var cache = Path.Combine(root, "cache");
            string[] Props(string who) => ["-p:Experiment=smoke", $"-p:ArtifactsRoot={Path.Combine(root, who)}/", $"-p:WorkflowCacheRoot={cache}/"];
            using var a = new BuildProcess(Props("a"));
            using var b = new BuildProcess(Props("b"));
            Assert.True(a.WaitForExit() == 0, a.Output);
            Assert.True(b.WaitForExit() == 0, b.Output);

            var runs = new[] { "a", "b" }.Select(who => LastRun.Read(Path.Combine(root, who, "smoke", "last-run.json")).Stages.ToDictionary(s => s.Name)).ToList();
            foreach (var stage in new[] { "prompt-stats", "stats-table" })
            {
                var statuses = runs.Select(r => r[stage].Status).Order().ToList();
                output.WriteLine($"{stage}: {string.Join(" / ", runs.Select(r => $"{r[stage].Status} by {r[stage].ComputedBy} ({r[stage].Reason})"))}");
                Assert.Equal(["ran", "restored"], statuses);
                var ran = runs.Single(r => r[stage].Status == "ran")[stage];
                Assert.NotEqual("", ran.ComputedBy);
                Assert.All(runs, r => Assert.Equal(ran.ComputedBy, r[stage].ComputedBy));
            }
            Assert.Single(Directory.GetDirectories(Path.Combine(cache, "stages")), d => Manifest.TryRead(Path.Combine(d, "manifest.json"))?.Stage == "stats-table");
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
