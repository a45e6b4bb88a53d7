using System.Collections.Concurrent;
using RefusalSae.Engine.Building;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Tests.Cache;

public class ConcurrentRestoreTests
{
    /// <summary>Holds the first launch of each stage until the other build is seen waiting for that key's lock.</summary>
    private sealed class WaitingLauncher(ConcurrentQueue<string> warnings) : IStageLauncher
    {
        public ConcurrentBag<string> Runs { get; } = [];

        public bool Launch(StageRequest request, string requestFile)
        {
            Runs.Add(request.Stage);
            var seen = SpinWait.SpinUntil(() => warnings.Any(w => w.Contains("waiting for lock", StringComparison.Ordinal) && w.Contains(request.Key, StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
            Assert.True(seen, $"the other build never waited for {request.Stage}'s lock");
            IStage stage = request.Stage == "gen" ? new GenStage(null) : new TabStage();
            StageHost.Run(stage, request, TextWriter.Null);
            return true;
        }
    }

    private sealed class QueueLog(ConcurrentQueue<string> warnings) : IBuildLog
    {
        public void Message(string text, SourceLocation? at = null, string? code = null) { }
        public void Warning(string code, string text, SourceLocation? at = null) => warnings.Enqueue(text);
    }

    [Fact]
    public async Task A_build_that_waited_for_a_lock_and_found_the_result_says_a_concurrent_build_computed_it()
    {
        using var repo = new TestRepo();
        var warnings = new ConcurrentQueue<string>();
        var launcher = new WaitingLauncher(warnings);
        var builds = Enumerable.Range(0, 2)
            .Select(_ => Task.Run(() => new ExperimentBuild(repo.Options(), launcher, new QueueLog(warnings)).Run(), TestContext.Current.CancellationToken))
            .ToArray();
        var results = await Task.WhenAll(builds);

        Assert.Equal(["gen", "tab"], launcher.Runs.Order());
        foreach (var stage in new[] { "gen", "tab" })
        {
            var outcomes = results.Select(r => r.Single(o => o.Name == stage)).ToList();
            Assert.Equal(["ran", "restored"], outcomes.Select(o => o.Status).Order());
            var restored = outcomes.Single(o => o.Status == "restored");
            Assert.StartsWith("restored: computed by a concurrent build (", restored.Reason);
            Assert.Equal(outcomes.Single(o => o.Status == "ran").ComputedBy, restored.ComputedBy);
            Assert.Equal(0, restored.ItemsComputed);
        }
    }
}
