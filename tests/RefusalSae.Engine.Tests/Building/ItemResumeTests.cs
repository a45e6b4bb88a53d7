namespace RefusalSae.Engine.Tests.Building;

public class ItemResumeTests
{
    [Fact]
    public void A_killed_run_resumes_at_the_first_missing_item()
    {
        using var repo = new TestRepo();
        repo.KillGenAfter = 3;
        var e = Assert.Throws<WorkflowException>(() => repo.Build());
        Assert.Equal("RSW405", e.Code);
        Assert.False(File.Exists(Path.Combine(repo.Root, "artifacts/t/gen/gen.txt")));

        repo.KillGenAfter = null;
        var resumed = repo.Build();
        Assert.Equal(3, resumed["gen"].ItemsCached);
        Assert.Equal(1, resumed["gen"].ItemsComputed);
    }

    [Fact]
    public void A_larger_item_list_computes_only_the_new_items()
    {
        using var repo = new TestRepo();
        repo.Build();
        var larger = repo.Build("gen.count=7");
        Assert.Equal(4, larger["gen"].ItemsCached);
        Assert.Equal(3, larger["gen"].ItemsComputed);
    }

    [Fact]
    public void A_config_key_outside_the_item_list_invalidates_every_item()
    {
        using var repo = new TestRepo();
        repo.Build();
        var salted = repo.Build("gen.salt=z");
        Assert.Equal(0, salted["gen"].ItemsCached);
        Assert.Equal(4, salted["gen"].ItemsComputed);
    }
}
