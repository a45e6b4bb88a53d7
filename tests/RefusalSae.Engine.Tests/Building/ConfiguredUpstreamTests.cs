namespace RefusalSae.Engine.Tests.Building;

/// <summary>`upstream: ["${config.key}"]`: which stages a stage reads is chosen by the experiment's config.</summary>
public class ConfiguredUpstreamTests
{
    private const string Defaults = TestRepo.Defaults + """

        tab2:
          inputs: !strings [gen]   # stages whose outputs tab2 reads
        """;

    private const string Pipeline = TestRepo.PipelineYaml + """

          tab2:
            version: 1
            config: [tab2]
            upstream: ["${tab2.inputs}"]
        """;

    private static TestRepo Repo(string experiment)
    {
        var repo = new TestRepo(experiment);
        repo.Write("experiments/defaults.yaml", Defaults);
        repo.Write("experiments/pipeline.yaml", Pipeline);
        repo.Code["tab2"] = "tab v1";
        return repo;
    }

    [Fact]
    public void A_configured_upstream_is_built_first_and_handed_to_the_stage()
    {
        using var repo = Repo("targets: [tab2]\ntab:\n  label: x\n");
        var plan = RefusalSae.Engine.Building.ExperimentPlan.Load(repo.Root, "t", null);
        Assert.Equal(["gen", "tab2"], plan.Stages.Select(s => s.Name));
        Assert.Equal(["gen"], plan.Pipeline.ByName["tab2"].Upstream);
    }

    [Fact]
    public void An_empty_list_drops_the_upstream_from_the_plan()
    {
        using var repo = Repo("targets: [tab2]\ntab:\n  label: x\ntab2:\n  inputs: []\n");
        var plan = RefusalSae.Engine.Building.ExperimentPlan.Load(repo.Root, "t", null);
        Assert.Equal(["tab2"], plan.Stages.Select(s => s.Name));
    }

    [Fact]
    public void An_unknown_stage_name_in_config_is_blamed_on_the_experiment_line()
    {
        using var repo = Repo("targets: [tab2]\ntab:\n  label: x\ntab2:\n  inputs: [gne]\n");
        var e = Assert.Throws<WorkflowException>(() => RefusalSae.Engine.Building.ExperimentPlan.Load(repo.Root, "t", null));
        Assert.Equal("RSW105", e.Code);
        Assert.Contains("unknown stage 'gne'", e.Message);
        Assert.Contains("did you mean 'gen'", e.Message);
        Assert.Contains("experiments/t.yaml(5,11)", e.ToString());
    }

    [Fact]
    public void A_stage_naming_itself_as_upstream_is_rejected()
    {
        using var repo = Repo("targets: [tab2]\ntab:\n  label: x\ntab2:\n  inputs: [tab2]\n");
        var e = Assert.Throws<WorkflowException>(() => RefusalSae.Engine.Building.ExperimentPlan.Load(repo.Root, "t", null));
        Assert.Equal("RSW106", e.Code);
    }
}
