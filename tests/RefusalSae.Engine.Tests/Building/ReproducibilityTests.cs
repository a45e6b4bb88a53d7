using RefusalSae.Engine.Building;
using RefusalSae.Engine.Cache;

namespace RefusalSae.Engine.Tests.Building;

public class ReproducibilityTests
{
    [Fact]
    public void Identical_outputs_are_reported_byte_identical_and_a_changed_file_is_named()
    {
        IReadOnlyList<OutputFile> cached = [new("a.csv", "h1", 3), new("b.md", "h2", 4)];
        Assert.Equal("byte-identical to the cached result (2 files)", Reproducibility.Compare(cached, [new("b.md", "h2", 4), new("a.csv", "h1", 3)]));
        Assert.Equal("differs from the cached result in b.md (1 of 2 files)", Reproducibility.Compare(cached, [new("a.csv", "h1", 3), new("b.md", "h3", 4)]));
        Assert.Equal("differs from the cached result in c.png (1 of 3 files)", Reproducibility.Compare(cached, [.. cached, new("c.png", "h4", 9)]));
    }

    [Fact]
    public void A_forced_stage_reruns_every_item_and_keeps_the_cached_result()
    {
        using var repo = new TestRepo();
        var first = repo.Build();
        repo.Launched.Clear();
        var forced = new ExperimentBuild(repo.Options() with { Force = new HashSet<string> { "gen" } }, repo, repo).Run().ToDictionary(o => o.Name);
        Assert.Equal(["gen"], repo.Launched);
        Assert.Equal("ran", forced["gen"].Status);
        Assert.Equal(4, forced["gen"].ItemsComputed);   // every item recomputed, not read back from the item cache
        Assert.Contains("forced: byte-identical to the cached result (1 file)", forced["gen"].Reason);
        Assert.Equal(first["gen"].Key, forced["gen"].Key);
        Assert.Equal("cached", forced["tab"].Status);
    }
}
