using System.Collections.Concurrent;
using RefusalSae.Engine.Building;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Tests.Building;

public class ConcurrencyTests
{
    private sealed class CountingLauncher : IStageLauncher
    {
        public ConcurrentBag<string> Runs { get; } = [];

        public bool Launch(StageRequest request, string requestFile)
        {
            Runs.Add(request.Stage);
            Thread.Sleep(300);   // hold the key lock long enough for the other build to arrive
            IStage stage = request.Stage == "gen" ? new GenStage(null) : new TabStage();
            StageHost.Run(stage, request, TextWriter.Null);
            return true;
        }
    }

    [Fact]
    public async Task Two_concurrent_builds_of_one_experiment_run_each_stage_once_and_agree()
    {
        using var repo = new TestRepo();
        var launcher = new CountingLauncher();
        var builds = Enumerable.Range(0, 2)
            .Select(_ => Task.Run(() => new ExperimentBuild(repo.Options(), launcher, repo).Run(), TestContext.Current.CancellationToken))
            .ToArray();
        var results = await Task.WhenAll(builds);

        Assert.Equal(1, launcher.Runs.Count(s => s == "gen"));
        Assert.Equal(1, launcher.Runs.Count(s => s == "tab"));
        Assert.Equal(results[0][1].Key, results[1][1].Key);
        Assert.Equal("x 6", File.ReadAllText(Path.Combine(repo.Root, "artifacts/t/tab/tab.txt")));
    }
}
