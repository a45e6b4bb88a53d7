namespace RefusalSae.Engine.Tests.Building;

public class IncrementalBuildTests
{
    [Fact]
    public void A_second_build_runs_nothing_and_reports_every_stage_cached()
    {
        using var repo = new TestRepo();
        var first = repo.Build();
        Assert.Equal(["gen", "tab"], repo.Launched);
        Assert.All(first.Values, o => Assert.Equal("ran", o.Status));

        var second = repo.Build();
        Assert.Empty(repo.Launched);
        Assert.All(second.Values, o => Assert.Equal("cached", o.Status));
        Assert.Equal(first["tab"].Key, second["tab"].Key);
        Assert.Equal("x 6", File.ReadAllText(Path.Combine(repo.Root, "artifacts/t/tab/tab.txt")));
    }

    [Fact]
    public void A_config_change_reruns_only_the_stages_that_read_that_key()
    {
        using var repo = new TestRepo();
        repo.Build();
        var after = repo.Build("tab.scale=2");
        Assert.Equal(["tab"], repo.Launched);
        Assert.Equal("cached", after["gen"].Status);
        Assert.Equal("ran", after["tab"].Status);
        Assert.Equal("x 8", File.ReadAllText(Path.Combine(repo.Root, "artifacts/t/tab/tab.txt")));
    }

    [Fact]
    public void Reverting_a_config_change_restores_the_earlier_results_without_running()
    {
        using var repo = new TestRepo();
        var original = repo.Build();
        repo.Build("gen.salt=b");
        Assert.Equal(["gen", "tab"], repo.Launched);

        var reverted = repo.Build();
        Assert.Empty(repo.Launched);
        Assert.Equal("restored", reverted["gen"].Status);
        Assert.Equal("restored", reverted["tab"].Status);
        Assert.Equal(original["tab"].Key, reverted["tab"].Key);
        Assert.Contains("restored from cache", reverted["gen"].Reason);
        Assert.StartsWith("alpha-a", File.ReadAllText(Path.Combine(repo.Root, "artifacts/t/gen/gen.txt")));
    }

    [Fact]
    public void Byte_identical_upstream_outputs_stop_the_rebuild_there()
    {
        using var repo = new TestRepo();
        repo.Build();
        var after = repo.Build("gen.note=changed");
        Assert.Equal(["gen"], repo.Launched);
        Assert.Equal("ran", after["gen"].Status);
        Assert.Equal("cached", after["tab"].Status);
    }

    [Fact]
    public void Editing_the_code_a_stage_reaches_reruns_that_stage_and_names_the_code_as_the_reason()
    {
        using var repo = new TestRepo();
        repo.Build();
        repo.Code["tab"] = "tab v2: a fix";
        var after = repo.Build();
        Assert.Equal(["tab"], repo.Launched);
        Assert.Contains("code reachable from the stage changed", after["tab"].Reason);
    }

    [Fact]
    public void Editing_upstream_code_that_changes_its_output_reruns_the_dependents()
    {
        using var repo = new TestRepo();
        var before = repo.Build();
        repo.Code["gen"] = "gen v2";
        repo.WriteWords(["one", "two", "three", "four", "five"]);
        var after = repo.Build();
        Assert.Equal(["gen", "tab"], repo.Launched);
        Assert.Contains("upstream 'gen' output changed", after["tab"].Reason);
        Assert.Contains("dataset 'words' changed", after["gen"].Reason);
        Assert.NotEqual(before["tab"].Key, after["tab"].Key);
    }

    [Fact]
    public void Last_run_json_lists_every_stage_with_the_documented_fields()
    {
        using var repo = new TestRepo();
        repo.Build();
        var json = File.ReadAllText(Path.Combine(repo.Root, "artifacts/t/last-run.json"));
        var run = RefusalSae.Engine.Building.LastRun.Read(Path.Combine(repo.Root, "artifacts/t/last-run.json"));
        Assert.Equal("t", run.Experiment);
        Assert.Equal(["gen", "tab"], run.Stages.Select(s => s.Name));
        foreach (var field in new[] { "\"experiment\"", "\"stages\"", "\"name\"", "\"key\"", "\"status\"", "\"reason\"", "\"seconds\"", "\"items_computed\"", "\"items_cached\"" })
            Assert.Contains(field, json);
        Assert.Equal(4, run.Stages[0].ItemsComputed);
    }

    [Fact]
    public void Changing_the_cache_universe_disowns_every_cached_result()
    {
        using var repo = new TestRepo();
        var first = repo.Build();
        repo.Launched.Clear();
        var outcomes = new RefusalSae.Engine.Building.ExperimentBuild(repo.Options() with { CacheUniverse = "2026-11-b" }, repo, repo).Run();
        Assert.Equal(["gen", "tab"], repo.Launched);
        Assert.NotEqual(first["gen"].Key, outcomes[0].Key);
    }
}
