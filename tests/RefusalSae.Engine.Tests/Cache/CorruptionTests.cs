namespace RefusalSae.Engine.Tests.Cache;

public class CorruptionTests
{
    [Fact]
    public void A_cached_file_that_no_longer_hashes_right_is_a_miss_with_a_warning()
    {
        using var repo = new TestRepo();
        var first = repo.Build();
        var cached = Path.Combine(repo.Cache, "stages", first["tab"].Key, "out", "tab.txt");
        File.WriteAllText(cached, "y 6");   // same length, different bytes

        var after = repo.Build();
        Assert.Equal(["tab"], repo.Launched);
        Assert.Equal("ran", after["tab"].Status);
        Assert.Contains(repo.Warnings, w => w.Code == "RSW403" && w.Text.Contains("tab.txt no longer hashes to its manifest"));
        Assert.Equal("x 6", File.ReadAllText(cached));
    }

    [Fact]
    public void An_entry_without_a_manifest_is_incomplete_and_rebuilt()
    {
        using var repo = new TestRepo();
        var first = repo.Build();
        File.Delete(Path.Combine(repo.Cache, "stages", first["gen"].Key, "manifest.json"));

        var after = repo.Build();
        Assert.Contains("gen", repo.Launched);
        Assert.Equal("ran", after["gen"].Status);
        Assert.Equal("cached", after["tab"].Status);   // identical output again: early cutoff
    }

    [Fact]
    public void A_shared_cache_is_read_through_and_written_only_when_allowed()
    {
        using var repo = new TestRepo();
        var shared = Path.Combine(repo.Root, "team-share");
        new RefusalSae.Engine.Building.ExperimentBuild(repo.Options() with { SharedCacheRoot = shared }, repo, repo).Run();
        Assert.False(Directory.Exists(Path.Combine(shared, "stages")));

        repo.Build();   // local cache now warm; push with the explicit property
        new RefusalSae.Engine.Building.ExperimentBuild(repo.Options() with { SharedCacheRoot = shared, SharedCacheWrite = true }, repo, repo).Run();
        Directory.Delete(repo.Cache, recursive: true);
        repo.Launched.Clear();

        var outcomes = new RefusalSae.Engine.Building.ExperimentBuild(repo.Options() with { SharedCacheRoot = shared }, repo, repo).Run();
        Assert.Empty(repo.Launched);
        Assert.All(outcomes, o => Assert.Equal("restored", o.Status));
    }

    [Fact]
    public void A_tampered_shared_entry_is_ignored_and_the_stage_reruns()
    {
        using var repo = new TestRepo();
        var shared = Path.Combine(repo.Root, "team-share");
        var first = new RefusalSae.Engine.Building.ExperimentBuild(repo.Options() with { SharedCacheRoot = shared, SharedCacheWrite = true }, repo, repo).Run();
        File.WriteAllText(Path.Combine(shared, "stages", first[1].Key, "out", "tab.txt"), "evil");
        Directory.Delete(repo.Cache, recursive: true);
        repo.Launched.Clear();

        new RefusalSae.Engine.Building.ExperimentBuild(repo.Options() with { SharedCacheRoot = shared }, repo, repo).Run();
        Assert.Equal(["tab"], repo.Launched);
        Assert.Contains(repo.Warnings, w => w.Code == "RSW404");
    }
}
