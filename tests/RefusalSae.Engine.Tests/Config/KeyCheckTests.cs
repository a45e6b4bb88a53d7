using RefusalSae.Engine.Building;
using RefusalSae.Engine.Config;

namespace RefusalSae.Engine.Tests.Config;

public class KeyCheckTests
{
    private const string Defaults = """
        gen:
          count: !key {default: 4, min: 1}
          salt: a
          note: hello
        tab:
          scale: !key {default: 1.5, above: 0, below: gen.count * 2}
          label: !key {type: string, one_of: [x, y]}
        subject:
          model: !key {default: "", format: location, model_source: location}
          layer: !key {default: 0, min: 0, below: model.num_hidden_layers}
          url: !key {default: "", format: url}
          ids: !key {default: !ints [], non_empty: false, max_items: 2}
        """;

    private static TestRepo Repo(string yaml)
    {
        var repo = new TestRepo(yaml);
        repo.Write("experiments/defaults.yaml", Defaults);
        return repo;
    }

    [Fact]
    public void A_checked_key_keeps_its_default_and_type()
    {
        using var repo = Repo("targets: [tab]\ntab:\n  label: y\n");
        var plan = ExperimentPlan.Load(repo.Root, "t", null);
        Assert.Equal(4, plan.Config.Values["gen.count"].Value.GetValue<long>());
        Assert.Equal(1.5, plan.Config.Values["tab.scale"].Value.GetValue<double>());
        Assert.Equal("y", plan.Config.Values["tab.label"].Value.GetValue<string>());
    }

    [Theory]
    [InlineData("tab.label=x;gen.count=0", "RSW030", 2, 13, "'gen.count' = 0: expected ≥ 1")]
    [InlineData("tab.label=z", "RSW031", 1, 1, "'tab.label' = 'z': expected one of x, y")]
    [InlineData("tab.label=x; tab.scale=9", "RSW030", 2, 14, "'tab.scale' = 9: expected < gen.count * 2 = 8 (gen.count = 4 at experiments/defaults.yaml(2,3))")]
    [InlineData("tab.label=x;subject.url=ftp://host/x", "RSW033", 2, 13, "is not an http:// or https:// URL")]
    [InlineData("tab.label=x;subject.ids=[1, 2, 3]", "RSW032", 2, 13, "has 3 values; expected at most 2")]
    public void A_bad_override_is_placed_at_its_entry_of_the_command_line(string overrides, string code, int entry, int column, string message)
    {
        using var repo = Repo("targets: [tab]\n");
        var e = Assert.Throws<WorkflowException>(() => ExperimentPlan.Load(repo.Root, "t", overrides));
        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message);
        Assert.Equal(("-p:Set", entry, column), (e.Location!.File, e.Location.Line, e.Location.Column));
    }

    [Fact]
    public void A_relation_with_a_local_model_reads_its_config_json()
    {
        using var repo = Repo("targets: [tab]\ntab:\n  label: x\nsubject:\n  model: snap\n  layer: 3\n");
        repo.Write("snap/config.json", """{"model_type": "gemma2", "num_hidden_layers": 3}""");
        var e = Assert.Throws<WorkflowException>(() => ExperimentPlan.Load(repo.Root, "t", null));
        Assert.Equal("RSW030", e.Code);
        Assert.Contains("'subject.layer' = 3: expected < model.num_hidden_layers = 3 (model.num_hidden_layers of the model subject.model = snap at experiments/t.yaml(5,10))", e.Message);
        Assert.Equal("experiments/t.yaml(6,10)", e.Location!.ToString());
        Assert.Equal(2, ExperimentPlan.Load(repo.Root, "t", "subject.layer=2").Config.Values["subject.layer"].Value.GetValue<long>());
    }

    [Fact]
    public void A_relation_with_an_hf_model_is_deferred_with_a_note()
    {
        using var repo = Repo("targets: [tab]\ntab:\n  label: x\nsubject:\n  model: hf:google/gemma-2-2b-it@main\n  layer: 15\n");
        var plan = ExperimentPlan.Load(repo.Root, "t", null);
        Assert.Contains(plan.Config.Notes, n => n.Contains("'subject.layer' < model.num_hidden_layers: not checked before the stages run (subject.model is an hf: location"));
    }

    [Theory]
    [InlineData("a:\n  b: !key {default: 1, maxx: 0}\n", 2, 24, "unknown field 'maxx' in a !key declaration; did you mean 'max'?")]
    [InlineData("a:\n  b: !key {default: 1, min: lots of}\n", 2, 29, "expected a number or a product")]
    [InlineData("a:\n  b: !key {default: 1, max: a.c}\n", 2, 3, "the bound 'a.c' reads 'a.c', which is not a numeric key")]
    [InlineData("a:\n  b: !key {min: 1}\n", 2, 6, "a !key without a default needs type:")]
    [InlineData("a:\n  b: !key {default: x, min: 1}\n", 2, 3, "min/max/above/below need a numeric key")]
    [InlineData("a:\n  b: !key {default: x, format: email}\n", 2, 32, "format: expected one of url, location, existing_path, device")]
    public void A_malformed_key_declaration_is_reported_in_the_defaults(string defaults, int line, int column, string message)
    {
        using var repo = new TestRepo();
        repo.Write("experiments/defaults.yaml", defaults);
        var e = Assert.Throws<WorkflowException>(() => ConfigSchema.Load(Path.Combine(repo.Root, "experiments/defaults.yaml"), "experiments/defaults.yaml"));
        Assert.Equal("RSW022", e.Code);
        Assert.Contains(message, e.Message);
        Assert.Equal((line, column), (e.Location!.Line, e.Location.Column));
    }
}
