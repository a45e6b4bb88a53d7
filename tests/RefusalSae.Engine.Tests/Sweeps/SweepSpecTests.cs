using System.Text.Json.Nodes;
using RefusalSae.Engine;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Sweeps;

namespace RefusalSae.Engine.Tests.Sweeps;

public class SweepSpecTests
{
    private static SweepSpec? Load(TestRepo repo, string yaml)
    {
        repo.Write("experiments/s.yaml", yaml);
        var schema = ConfigSchema.Load(Path.Combine(repo.Root, "experiments", "defaults.yaml"), "experiments/defaults.yaml");
        return SweepSpec.Load(repo.Root, "s", schema);
    }

    private static WorkflowException Fails(string yaml)
    {
        using var repo = new TestRepo();
        return Assert.Throws<WorkflowException>(() => Load(repo, yaml));
    }

    [Fact]
    public void A_grid_is_the_cartesian_product_in_the_order_written_and_points_are_named_by_their_values()
    {
        using var repo = new TestRepo();
        var spec = Load(repo, "sweep:\n  grid:\n    tab.scale: [1, 2.5]\n    gen.salt: [a, b, c]\n")!;

        var points = spec.Points();

        Assert.Equal(["scale=1,salt=a", "scale=1,salt=b", "scale=1,salt=c", "scale=2.5,salt=a", "scale=2.5,salt=b", "scale=2.5,salt=c"],
            points.Select(p => p.Id));
        Assert.Equal("tab.scale=2.5|gen.salt=\"b\"", points[4].Set);
    }

    [Fact]
    public void Zipped_lists_pair_up_and_combine_with_the_grid_as_one_axis()
    {
        using var repo = new TestRepo();
        var spec = Load(repo, "sweep:\n  grid:\n    gen.count: [2, 4]\n  zip:\n    tab.scale: [1.0, 2.0]\n    gen.salt: [x, y]\n")!;

        var points = spec.Points();

        Assert.Equal(["count=2,scale=1,salt=x", "count=2,scale=2,salt=y", "count=4,scale=1,salt=x", "count=4,scale=2,salt=y"], points.Select(p => p.Id));
    }

    [Fact]
    public void Adding_a_value_to_an_axis_keeps_the_names_of_the_existing_points()
    {
        using var repo = new TestRepo();
        var before = Load(repo, "sweep:\n  grid:\n    tab.scale: [1, 2]\n    gen.salt: [a]\n")!.Points().Select(p => p.Id).ToHashSet();
        var after = Load(repo, "sweep:\n  grid:\n    tab.scale: [1, 2, 3]\n    gen.salt: [a]\n")!.Points().Select(p => p.Id).ToList();

        Assert.Subset(after.ToHashSet(), before);
        Assert.Equal(["scale=3,salt=a"], after.Except(before));
    }

    [Fact]
    public void An_experiment_without_a_sweep_block_has_no_sweep()
    {
        using var repo = new TestRepo();
        Assert.Null(Load(repo, "targets: [tab]\n"));
    }

    [Theory]
    [InlineData("sweep:\n  grid:\n    tab.scael: [1, 2]\n", "RSW085", 3, 5, "did you mean")]
    [InlineData("sweep:\n  grid:\n    tab: [1, 2]\n", "RSW085", 3, 5, "is a group")]
    [InlineData("sweep:\n  grid:\n    gen.count: [1, two]\n", "RSW086", 3, 20, "expects int")]
    [InlineData("sweep:\n  grid:\n    gen.count: 3\n", "RSW086", 3, 16, "expects a list")]
    [InlineData("sweep:\n  grid:\n    gen.count: []\n", "RSW087", 3, 16, "empty")]
    [InlineData("sweep:\n  grid: {}\n", "RSW081", 1, 1, "no axis")]
    [InlineData("sweep:\n  grdi:\n    gen.count: [1]\n", "RSW080", 2, 3, "did you mean 'grid'")]
    [InlineData("sweep:\n  zip:\n    gen.count: [1, 2]\n    tab.scale: [1.0]\n", "RSW083", 4, 5, "equal lengths")]
    [InlineData("sweep:\n  grid:\n    gen.count: [1, 1]\n", "RSW082", 3, 16, "twice")]
    [InlineData("sweep:\n  grid:\n    gen.count: [1, 2]\n  compare:\n    file: gen/out.json\n    metrics: {n: \"a.{x}.n\"}\n    x: tab.scale\n", "RSW084", 7, 8, "not a swept key")]
    [InlineData("sweep:\n  grid:\n    gen.count: [1, 2]\n  compare:\n    file: out.json\n    metrics: {n: a}\n", "RSW088", 5, 11, "STAGE/NAME.json")]
    [InlineData("sweep:\n  grid:\n    gen.count: [1, 2]\n  compare:\n    file: gen/o.json\n    metrics: {n: \"a.{x}.n\"}\n    series: y\n", "RSW088", 7, 13, "not a placeholder")]
    public void A_malformed_sweep_is_a_located_error_before_any_point_builds(string yaml, string code, int line, int column, string text)
    {
        var e = Fails(yaml);

        Assert.Equal(code, e.Code);
        Assert.Equal(new SourceLocation("experiments/s.yaml", line, column), e.Location);
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void The_comparison_collects_each_metric_per_placeholder_binding_in_point_order_and_skips_failed_points()
    {
        using var repo = new TestRepo();
        var spec = Load(repo, """
            sweep:
              grid:
                tab.scale: [1, 2, 3]
              compare:
                file: tab/metrics.json
                metrics:
                  asr: "metrics.{method}.{set}.asr"
                  refusal: "metrics.{method}.{set}.refusal"
                series: method
            """)!;
        var points = spec.Points();
        JsonNode Doc(double r) => JsonNode.Parse(
            "{\"metrics\": {\"Ours\": {\"hb\": {\"asr\": null, \"refusal\": " + r.ToString(System.Globalization.CultureInfo.InvariantCulture) +
            "}, \"adv\": {\"asr\": 0.5, \"refusal\": " + (r / 2).ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}}}")!;

        var rows = SweepComparison.Collect(spec.Compare!, [(points[0], Doc(0.8)), (points[1], null), (points[2], Doc(0.2))]);

        Assert.Equal(4, rows.Count);
        Assert.Equal(["scale=1", "scale=1", "scale=3", "scale=3"], rows.Select(r => r.Point.Id));
        Assert.Equal(["Ours", "adv"], rows[1].Bindings);
        Assert.Null(rows[0].Metrics["asr"]);
        Assert.Equal(0.5, rows[1].Metrics["asr"]);
        Assert.Equal(0.1, rows[3].Metrics["refusal"]);
    }
}
