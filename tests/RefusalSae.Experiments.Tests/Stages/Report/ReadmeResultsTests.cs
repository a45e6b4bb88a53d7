using RefusalSae.Experiments.Reporting;
using RefusalSae.Experiments.Stages.Report.Readme;

namespace RefusalSae.Experiments.Tests.Stages.Report;

public sealed class ReadmeResultsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rsw-readme-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(string stage, Table table, string name) => TableWriter.Write(table, Path.Combine(_dir, stage), name);

    [Fact]
    public void The_targets_table_is_computed_from_the_behaviour_sae_and_jailbreak_tables()
    {
        Write("behaviour", new Table("b", ["set", "prompts", "refusal rate (%)"],
            [["harmbench_test", "100", "90.0"], ["jailbreakbench", "100", "94.0"], ["advbench", "100", "95.0"], ["harmless_test", "200", "8.0"],
             ["harmful_val", "39", "94.87179"], ["harmless_val", "200", "4.5"]]), "behaviour");
        Write("train-sae", new Table("s", ["layer", "variance explained"], [["0", "0.93612"], ["1", "0.9071"]]), "sae_metrics");
        Write("paper-judge", new Table("j", ["method", "a refusal (%)", "b refusal (%)"],
            [["Base", "96.0", "94.0"], ["CosSim+AP (Ours)", "10.0", "9.4"], ["Random (control)", "97.0", "97.0"], ["CosSim", "5", "7"], ["ActDiff", "9", "9"],
             ["AP", "50", "40"], ["AS", "20", "10"]]), "jailbreak");
        var targets = ReadmeResults.Generate(_dir)[ReadmeResults.Targets];
        Assert.Contains("| harmful refusal ≥ 90% (harmbench_test / jailbreakbench / advbench, first 100) | 90.0% / 94.0% / 95.0% |", targets);
        Assert.Contains("| validation, where the settings were chosen (harmful_val / harmless_val) | 94.9% / 4.5% |", targets);
        Assert.Contains("| 0.936 / 0.907 |", targets);
        Assert.Contains("| −85.3 points (Base 95.0%) |", targets);
        Assert.Contains("| +2.0 points |", targets);
        Assert.Contains("| not built |", ReadmeResults.Generate(Path.Combine(_dir, "none")).Values.First(v => v.Contains("SAE")));
    }

    [Fact]
    public void Splicing_replaces_only_the_marked_regions_and_is_idempotent()
    {
        var text = $"intro\n{ReadmeMarkers.Begin("targets")}\nold\n{ReadmeMarkers.End("targets")}\noutro\n";
        var once = ReadmeMarkers.Splice(text, new Dictionary<string, string> { ["targets"] = "| a |\n" }, "README.md");
        Assert.Equal($"intro\n{ReadmeMarkers.Begin("targets")}\n| a |\n{ReadmeMarkers.End("targets")}\noutro\n", once);
        Assert.Equal(once, ReadmeMarkers.Splice(once, new Dictionary<string, string> { ["targets"] = "| a |\n" }, "README.md"));
        var e = Assert.Throws<InvalidDataException>(() => ReadmeMarkers.Splice("no markers", new Dictionary<string, string> { ["probes"] = "x" }, "README.md"));
        Assert.Contains("README.md: error RSW380: no region 'probes'", e.Message);
    }

    [Fact]
    public void The_committed_readme_has_every_region_the_generator_writes()
    {
        var names = ReadmeMarkers.Names(File.ReadAllText(Path.Combine(RefusalSae.Testing.Paths.RepoRoot, "README.md")));
        Assert.Equal([ReadmeResults.Targets, .. ReadmeResults.StageTables.Select(t => t.Region)], names);
    }
}
