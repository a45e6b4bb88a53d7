using System.Collections.Concurrent;
using RefusalSae.Engine.Building;
using RefusalSae.Engine.Cache;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Tests.Building;

/// <summary>
/// Builds of one experiment with `-p:ItemShard=s/N` (here in process, as the engine runs them): each computes only its
/// shard's items of a per-item stage and commits nothing while another shard of the key still computes; the stage is
/// then built once from the union, with nothing left to compute and the bytes of an unsharded build.
/// </summary>
public class ShardedBuildTests
{
    private const string Eight = "gen.count=8";

    /// <summary>Thread-safe: two builds run at once. Counts each item gen computes, per shard (null = unsharded).</summary>
    private sealed class Launcher : IStageLauncher
    {
        public ConcurrentQueue<(string Stage, ItemShard? Shard, int Computed)> Runs { get; } = new();

        public bool Launch(StageRequest request, string requestFile)
        {
            IStage stage = request.Stage == "gen" ? new GenStage(null) : new TabStage();
            StageHost.Run(stage, request, TextWriter.Null);
            Runs.Enqueue((request.Stage, request.Shard, StageResult.Read(request.ResultFile).ItemsComputed));
            return true;
        }
    }

    private sealed class Log : IBuildLog
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public void Message(string text, SourceLocation? at = null, string? code = null) => Lines.Enqueue(text);
        public void Warning(string code, string text, SourceLocation? at = null) => Lines.Enqueue($"{code}: {text}");
    }

    private static Dictionary<string, StageOutcome> Build(TestRepo repo, ItemShard? shard, IStageLauncher launcher, IBuildLog log) =>
        new ExperimentBuild(repo.Options(Eight) with { Shard = shard }, launcher, log).Run().ToDictionary(o => o.Name);

    private static void WaitUntil(Func<bool> condition, string what)
    {
        for (var i = 0; i < 600 && !condition(); i++) Thread.Sleep(50);
        Assert.True(condition(), $"timed out waiting until {what}");
    }

    private static string[] ItemFiles(TestRepo repo) =>
        Directory.Exists(Path.Combine(repo.Cache, "items", "gen"))
            ? Directory.GetFiles(Path.Combine(repo.Cache, "items", "gen"), "*.json", SearchOption.AllDirectories).Select(f => Path.GetFileName(f)).Order().ToArray()
            : [];

    private static string[] ItemFilesOf(IEnumerable<string> words) => words.Select(w => RefusalSae.Engine.Keys.Hashing.Hex(w) + ".json").Order().ToArray();

    [Fact]
    public async Task Each_shard_computes_only_its_items_and_the_union_builds_the_stage_once_with_no_item_left_and_unsharded_bytes()
    {
        using var repo = new TestRepo();
        var words = new[] { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" };
        var (zero, one) = (new ItemShard(0, 2), new ItemShard(1, 2));
        Assert.InRange(words.Count(zero.Owns), 1, 7);   // both shards have items
        var key = new ExperimentBuild(repo.Options(Eight, dryRun: true), new Launcher(), new Log()).Run().Single(o => o.Name == "gen").Key;
        var cache = new StageCache(repo.Cache);
        // A third shard of another split holds its lock: no build may complete gen until it is released.
        var blocker = KeyLock.Acquire(ShardLocks.PathOf(cache, key, new ItemShard(2, 3)), _ => { }, cancellation: TestContext.Current.CancellationToken);
        var launcher = new Launcher();
        var (logA, logB) = (new Log(), new Log());
        Task<Dictionary<string, StageOutcome>> a, b;
        try
        {
            a = Task.Run(() => Build(repo, zero, launcher, logA), TestContext.Current.CancellationToken);
            WaitUntil(() => logA.Lines.Any(l => l.Contains("waiting for a shard of this stage", StringComparison.Ordinal)), "shard 0/2 has computed its items");
            Assert.Equal(ItemFilesOf(words.Where(zero.Owns)), ItemFiles(repo));
            Assert.Null(cache.Probe(key, _ => { }));

            b = Task.Run(() => Build(repo, one, launcher, logB), TestContext.Current.CancellationToken);
            WaitUntil(() => logB.Lines.Any(l => l.Contains("waiting for a shard of this stage", StringComparison.Ordinal)), "shard 1/2 has computed its items");
            Assert.Equal(ItemFilesOf(words), ItemFiles(repo));
            Assert.Null(cache.Probe(key, _ => { }));
        }
        finally { blocker.Dispose(); }
        var outcomes = new[] { (await a)["gen"], (await b)["gen"] };

        // Each item computed once, by its shard; the stage's own run found every item cached.
        Assert.Equal([words.Count(zero.Owns), words.Count(one.Owns)], launcher.Runs.Where(r => r is ("gen", not null, _)).OrderBy(r => r.Shard!.Index).Select(r => r.Computed));
        Assert.Equal(0, Assert.Single(launcher.Runs, r => r is ("gen", null, _)).Computed);
        Assert.Equal(8, outcomes.Sum(o => o.ItemsComputed));
        Assert.Equal(["ran", "restored"], outcomes.Select(o => o.Status).Order());
        Assert.Contains("restored: computed by a concurrent build", outcomes.Single(o => o.Status == "restored").Reason);
        Assert.Equal(["0/2", "1/2"], outcomes.Select(o => o.Shard!));
        Assert.Equal(0, cache.Probe(key, _ => { })!.ItemsComputed);
        var sharded = File.ReadAllBytes(Path.Combine(repo.Root, "artifacts/t/shard-1-of-2/gen/gen.txt"));
        Assert.Equal("1/2", LastRun.Read(Path.Combine(repo.Root, "artifacts/t/shard-1-of-2/last-run.json")).Stages.Single(s => s.Name == "gen").Shard);

        using var plain = new TestRepo();
        var unsharded = Build(plain, null, new Launcher(), new Log());
        Assert.Equal(key, unsharded["gen"].Key);
        Assert.Equal(8, unsharded["gen"].ItemsComputed);
        Assert.Equal(File.ReadAllBytes(Path.Combine(plain.Root, "artifacts/t/gen/gen.txt")), sharded);
        Assert.Equal(new StageCache(plain.Cache).Probe(key, _ => { })!.OutputHash, cache.Probe(key, _ => { })!.OutputHash);
    }

    [Fact]
    public void A_shard_that_starts_after_the_stage_was_committed_computes_nothing_and_restores_it()
    {
        using var repo = new TestRepo();
        Build(repo, null, new Launcher(), new Log());
        var launcher = new Launcher();

        var late = Build(repo, new ItemShard(1, 2), launcher, new Log());

        Assert.Equal("restored", late["gen"].Status);
        Assert.Equal(0, late["gen"].ItemsComputed);
        Assert.Null(late["gen"].Shard);
        Assert.Empty(launcher.Runs);
    }

    [Fact]
    public void A_shard_that_gets_its_lock_after_the_stage_was_committed_runs_nothing()
    {
        using var repo = new TestRepo();
        var key = Build(repo, null, new Launcher(), new Log())["gen"].Key;
        var tmp = Directory.CreateTempSubdirectory("rsw-shard-claim-").FullName;
        try
        {
            var ran = false;
            var claim = new ShardClaim { CacheRoot = repo.Cache, Key = key, Shard = new ItemShard(0, 2) };

            Assert.False(claim.RunLocked(tmp, _ => { }, TestContext.Current.CancellationToken, () => ran = true));
            Assert.False(ran);
            Assert.True(File.Exists(Path.Combine(tmp, ShardClaim.CommittedMarker)));
        }
        finally { Directory.Delete(tmp, recursive: true); }
    }

    [Fact]
    public void A_shard_that_runs_alone_completes_the_stage_computing_each_other_item_once_in_the_stage_run()
    {
        using var repo = new TestRepo();
        var shard = new ItemShard(0, 2);
        var launcher = new Launcher();

        var alone = Build(repo, shard, launcher, new Log());

        var mine = new[] { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }.Count(shard.Owns);
        Assert.Equal([("gen", shard, mine), ("gen", null, 8 - mine)], launcher.Runs.Where(r => r.Stage == "gen"));
        Assert.Equal(("ran", 8, "0/2"), (alone["gen"].Status, alone["gen"].ItemsComputed, alone["gen"].Shard));
        Assert.Contains($"shard 0/2: {mine} items computed, 0 cached, stopped at {8 - mine} of other shards", alone["gen"].Reason);
        Assert.Equal("ran", alone["tab"].Status);   // not per item: built as always
        Assert.Null(alone["tab"].Shard);
    }
}
