namespace RefusalSae.Engine.Tests.Building;

public class StatusTests
{
    [Fact]
    public void Status_names_the_changed_yaml_key_with_its_location_and_old_and_new_values()
    {
        using var repo = new TestRepo();
        repo.Build();
        repo.Write("experiments/t.yaml", "targets: [tab]\ntab:\n  label: x\n  scale: 3\n");
        var status = repo.Build(dryRun: true);
        Assert.Empty(repo.Launched);
        Assert.Equal("cached", status["gen"].Status);
        Assert.Equal("stale", status["tab"].Status);
        Assert.Contains("config tab.scale 1.5 → 3 at experiments/t.yaml(4,10)", status["tab"].Reason);
    }

    [Fact]
    public void Status_marks_dependents_of_a_stale_stage_stale_and_runs_nothing()
    {
        using var repo = new TestRepo();
        repo.Build();
        var status = repo.Build("gen.salt=q", dryRun: true);
        Assert.Empty(repo.Launched);
        Assert.Equal("stale", status["gen"].Status);
        Assert.Contains("config gen.salt a → q at -p:Set", status["gen"].Reason);
        Assert.Equal("stale", status["tab"].Status);
        Assert.Contains("upstream 'gen' will rerun", status["tab"].Reason);
        Assert.True(File.Exists(Path.Combine(repo.Root, "artifacts/t/status.json")));
    }

    [Fact]
    public void A_never_built_experiment_is_stale_with_that_reason()
    {
        using var repo = new TestRepo();
        var status = repo.Build(dryRun: true);
        Assert.Equal("stale", status["gen"].Status);
        Assert.Equal("never built in this experiment", status["gen"].Reason);
    }

    [Fact]
    public void The_mermaid_dag_shows_stages_datasets_and_edges()
    {
        using var repo = new TestRepo();
        repo.Build();
        var dag = File.ReadAllText(Path.Combine(repo.Root, "artifacts/t/dag.mmd"));
        Assert.StartsWith("graph TD", dag);
        Assert.Contains("gen --> tab", dag);
        Assert.Contains("ds_words --> gen", dag);
        Assert.Contains(":::cached", repo.Build().Count == 2 ? File.ReadAllText(Path.Combine(repo.Root, "artifacts/t/dag.mmd")) : "");
    }
}
