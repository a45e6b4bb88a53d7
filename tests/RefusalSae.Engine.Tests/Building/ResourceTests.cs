using RefusalSae.Engine.Building;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Pipeline;

namespace RefusalSae.Engine.Tests.Building;

public class ResourceTests
{
    private static StageResources Of(string resources, string experiment, int threads = 2, int cpus = 4)
    {
        using var repo = new TestRepo(experiment + "tab:\n  label: x\n");
        repo.Write("experiments/defaults.yaml", TestRepo.Defaults + "\njudge:\n  backend: none\n  local:\n    device: cpu\n");
        repo.Write("experiments/pipeline.yaml", TestRepo.PipelineYaml.Replace("    per_item: true", $"    per_item: true\n    config: [gen, judge]\n    resources: {resources}").Replace("    config: [gen]\n", ""));
        var plan = ExperimentPlan.Load(repo.Root, "t", null);
        return StageResources.Of(plan.Pipeline.ByName["gen"], plan.Config, new BuildOptions { RepoRoot = repo.Root, Experiment = "t", StageThreads = threads, CpuSlots = cpus });
    }

    [Fact]
    public void A_torch_stage_takes_its_thread_count_in_cpu_slots_and_a_light_one_takes_one()
    {
        Assert.Equal(new StageResources(2, [], false), Of("[]", "targets: [gen]\n"), Comparer);
        Assert.Equal(new StageResources(1, [], false), Of("[light]", "targets: [gen]\n"), Comparer);
    }

    [Fact]
    public void A_judge_backend_decides_between_light_http_and_its_configured_device()
    {
        Assert.Equal(new StageResources(1, [], false), Of("[\"${judge.backend}\"]", "targets: [gen]\n"), Comparer);
        Assert.Equal(new StageResources(0, [], true), Of("[\"${judge.backend}\"]", "targets: [gen]\njudge:\n  backend: openai\n"), Comparer);
        Assert.Equal(new StageResources(1, [1], false), Of("[\"${judge.backend}\"]", "targets: [gen]\njudge:\n  backend: local\n  local:\n    device: cuda:1\n"), Comparer);
    }

    [Fact]
    public void Slots_are_taken_all_at_once_and_a_stage_waits_while_another_holds_them()
    {
        var dir = Directory.CreateTempSubdirectory("rsw-slots-").FullName;
        try
        {
            var waits = new List<string>();
            using (ResourceSlots.Acquire(dir, new StageResources(2, [0], false), 2, waits.Add, TestContext.Current.CancellationToken))
            {
                using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
                cancel.CancelAfter(TimeSpan.FromMilliseconds(300));
                Assert.Throws<OperationCanceledException>(() => ResourceSlots.Acquire(dir, new StageResources(1, [], false), 2, waits.Add, cancel.Token));
                Assert.Equal(["waiting for 1 CPU slot (held by other running stages)"], waits);
            }
            using var again = ResourceSlots.Acquire(dir, new StageResources(2, [0], false), 2, waits.Add, TestContext.Current.CancellationToken);   // released on dispose
            Assert.Single(waits);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static readonly IEqualityComparer<StageResources> Comparer = EqualityComparer<StageResources>.Create(
        (a, b) => a!.CpuSlots == b!.CpuSlots && a.Http == b.Http && a.Gpus.SequenceEqual(b.Gpus), r => r.CpuSlots);
}
