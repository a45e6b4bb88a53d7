using RefusalSae.Engine.Building;

namespace RefusalSae.Engine.Tests.Config;

public class ConfigErrorTests
{
    public static TheoryData<string, string, int, int, string> MalformedExperiments => new()
    {
        { "gne:\n  count: 3\n", "RSW010", 1, 1, "unknown key 'gne'; did you mean 'gen'?" },
        { "gen:\n  cuont: 3\n", "RSW010", 2, 3, "unknown key 'gen.cuont'; did you mean 'count'?" },
        { "gen:\n  count: many\n", "RSW011", 2, 10, "'gen.count' expects int, got string 'many'" },
        { "gen:\n  count: 2.5\n", "RSW011", 2, 10, "expects int, got float '2.5'" },
        { "gen:\n  count: \"3\"\n", "RSW011", 2, 10, "expects int, got the string \"3\"" },
        { "tab:\n  label: x\n  scale: [1]\n", "RSW011", 3, 10, "'tab.scale' expects float, got a list" },
        { "tab:\n  label: x\n  scale: yes\n", "RSW011", 3, 10, "'tab.scale' expects float" },
        { "gen: 5\ntab:\n  label: x\n", "RSW012", 1, 6, "'gen' is a group of keys (count, note, salt)" },
        { "gen:\n  count: 3\n", "RSW013", 1, 1, "missing required value 'tab.label' (string, declared at experiments/defaults.yaml(7,3))" },
        { "gen:\n  count: [1, 2\n", "RSW001", 3, 1, "invalid YAML" },
        { "gen:\n\tcount: 3\n", "RSW001", 2, 1, "invalid YAML" },
        { "gen:\n  count: 3\n  count: 4\n", "RSW005", 3, 3, "duplicate key 'count'" },
        { "extends: nothere\n", "RSW002", 1, 10, "experiment file not found: experiments/nothere.yaml" },
        { "extends: t\n", "RSW014", 1, 10, "extends cycle: t → t" },
        { "extends: ../t.yaml\n", "RSW016", 1, 10, "extends: expects an experiment name" },
        { "targets: [tabb]\ntab:\n  label: x\n", "RSW017", 1, 11, "unknown stage 'tabb' in targets; did you mean 'tab'?" },
        { "targets: tab\ntab:\n  label: x\n", "RSW011", 1, 10, "targets: expects a list of stage names" },
        { "- gen\n- tab\n", "RSW003", 1, 1, "expected a mapping" },
        { "tab:\n  label: x\n---\ntab:\n  label: y\n", "RSW001", 4, 1, "expected one YAML document" },
        { "description: [a]\n", "RSW011", 1, 14, "description: expects text" },
    };

    [Theory]
    [MemberData(nameof(MalformedExperiments))]
    public void A_malformed_experiment_is_reported_with_its_code_and_place(string yaml, string code, int line, int column, string message)
    {
        using var repo = new TestRepo(yaml);
        var e = Assert.Throws<WorkflowException>(() => ExperimentPlan.Load(repo.Root, "t", null));
        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message);
        Assert.NotNull(e.Location);
        Assert.Equal((line, column), (e.Location!.Line, e.Location.Column));
        Assert.StartsWith("experiments/", e.Location.File);
    }

    [Theory]
    [InlineData("gen.cont=3", "RSW010", "unknown key 'gen.cont' in -p:Set; did you mean 'gen.count'?")]
    [InlineData("gen.count", "RSW015", "override 'gen.count' is not KEY=VALUE")]
    [InlineData("gen.count=lots", "RSW011", "-p:Set 'gen.count' expects int")]
    [InlineData("gen.count=[1", "RSW015", "override 'gen.count=[1'")]
    public void A_malformed_override_is_reported_against_the_command_line(string overrides, string code, string message)
    {
        using var repo = new TestRepo();
        var e = Assert.Throws<WorkflowException>(() => ExperimentPlan.Load(repo.Root, "t", overrides));
        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message);
        Assert.Equal("-p:Set", e.Location?.File);
    }

    [Fact]
    public void A_missing_experiment_file_is_named()
    {
        using var repo = new TestRepo();
        var e = Assert.Throws<WorkflowException>(() => ExperimentPlan.Load(repo.Root, "absent", null));
        Assert.Equal("RSW002", e.Code);
        Assert.Equal("experiments/absent.yaml", e.Location?.File);
    }

    [Theory]
    [InlineData("stages:\n  gen:\n    version: 1\n    upstreams: [x]\n", "RSW103", 4, 5, "unknown field 'upstreams'; did you mean 'upstream'?")]
    [InlineData("stages:\n  gen:\n    version: 1\n    upstream: [nope]\n", "RSW105", 2, 3, "unknown upstream 'nope'")]
    [InlineData("stages:\n  gen:\n    config: [gen]\n", "RSW104", 2, 3, "missing version")]
    [InlineData("stages:\n  gen:\n    version: one\n", "RSW104", 3, 14, "version expects an integer")]
    [InlineData("stages:\n  gen:\n    version: 1\n    config: [gne]\n", "RSW108", 2, 3, "reads config 'gne', which experiments/defaults.yaml does not define")]
    [InlineData("stages:\n  a:\n    version: 1\n    upstream: [b]\n  b:\n    version: 1\n    upstream: [a]\n", "RSW106", 2, 3, "upstream cycle")]
    public void A_malformed_pipeline_is_reported_with_its_code_and_place(string pipeline, string code, int line, int column, string message)
    {
        using var repo = new TestRepo("targets: []\ntab:\n  label: x\n");
        repo.Write("experiments/pipeline.yaml", pipeline);
        var e = Assert.Throws<WorkflowException>(() => ExperimentPlan.Load(repo.Root, "t", null));
        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message);
        Assert.Equal(("experiments/pipeline.yaml", line, column), (e.Location!.File, e.Location.Line, e.Location.Column));
    }

    [Theory]
    [InlineData("a:\n  b: !required integer\n", "RSW021", 2, 6, "!required needs a type")]
    [InlineData("a:\n  b: ~\n", "RSW021", 2, 6, "cannot tell the type")]
    [InlineData("a:\n  b: []\n", "RSW021", 2, 6, "cannot tell the type")]
    [InlineData("targets: 3\n", "RSW020", 1, 1, "'targets' cannot be a config key")]
    public void A_malformed_defaults_file_is_reported_with_its_code_and_place(string defaults, string code, int line, int column, string message)
    {
        using var repo = new TestRepo();
        repo.Write("experiments/defaults.yaml", defaults);
        var e = Assert.Throws<WorkflowException>(() => RefusalSae.Engine.Config.ConfigSchema.Load(Path.Combine(repo.Root, "experiments/defaults.yaml"), "experiments/defaults.yaml"));
        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message);
        Assert.Equal((line, column), (e.Location!.Line, e.Location.Column));
    }

    [Fact]
    public void Extends_reuses_the_base_and_the_child_wins()
    {
        using var repo = new TestRepo("extends: base\ngen:\n  count: 5\n");
        repo.Write("experiments/base.yaml", "targets: [gen]\ngen:\n  count: 2\n  salt: s\ntab:\n  label: b\n");
        var plan = ExperimentPlan.Load(repo.Root, "t", "gen.note=cli");
        Assert.Equal(["gen"], plan.Config.Targets);
        Assert.Equal(5, plan.Config.Values["gen.count"].Value.GetValue<long>());
        Assert.Equal("s", plan.Config.Values["gen.salt"].Value.GetValue<string>());
        Assert.Equal("cli", plan.Config.Values["gen.note"].Value.GetValue<string>());
        Assert.Equal("experiments/base.yaml(4,9)", plan.Config.Values["gen.salt"].At.ToString());
        Assert.Equal(["gen"], plan.Stages.Select(s => s.Name));
    }
}
