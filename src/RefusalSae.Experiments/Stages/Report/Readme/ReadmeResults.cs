using System.Text;
using RefusalSae.Experiments.Reporting;
using static RefusalSae.Experiments.Stages.Report.TableLookup;

namespace RefusalSae.Experiments.Stages.Report.Readme;

/// <summary>
/// The README's result tables, generated from an experiment's artifacts (artifacts/toy by default) so they cannot
/// drift from what the code produces: the organism's targets and what was measured, then the stages' own tables
/// (§4.1, side effects, §4.2, probes, §4.3), numbers formatted for people. Deterministic: values only, no times.
/// </summary>
public static class ReadmeResults
{
    public const string Targets = "targets";

    /// <summary>Region name → (stage folder, CSV) of the stage tables copied into the README.</summary>
    public static readonly IReadOnlyList<(string Region, string Stage, string Csv)> StageTables =
    [
        ("jailbreak", "paper-judge", "jailbreak.csv"),
        ("side-effects", "paper-side-effects", "side_effects.csv"),
        ("categories", "paper-categories", "categories.csv"),
        ("probes", "paper-probes", "probes.csv"),
        ("suffixes", "paper-suffixes", "suffixes.csv"),
        ("wildjailbreak", "paper-wildjailbreak", "wildjailbreak.csv"),
    ];

    /// <summary>Every region's Markdown; a stage table whose CSV is absent says so (the region stays, so the check still compares).</summary>
    public static IReadOnlyDictionary<string, string> Generate(string experimentDir)
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal) { [Targets] = TargetsTable(experimentDir) };
        foreach (var (region, stage, csv) in StageTables)
        {
            var path = Path.Combine(experimentDir, stage, csv);
            regions[region] = File.Exists(path) ? Markdown(ReportTable.Read(path, csv)) : $"_{stage}/{csv} was not built._\n";
        }
        return regions;
    }

    private static string Markdown(ReportTable t) =>
        TableWriter.ToMarkdown(new Table(t.Title, t.Header, t.Rows) { Notes = t.Notes })
            .Split('\n').SkipWhile(l => l.StartsWith("### ", StringComparison.Ordinal) || l.Length == 0).Aggregate(new StringBuilder(), (sb, l) => sb.Append(l).Append('\n'))
            .ToString().TrimEnd('\n') + "\n";

    private static string TargetsTable(string dir)
    {
        var behaviour = Read(dir, "behaviour", "behaviour.csv");
        var sae = Read(dir, "train-sae", "sae_metrics.csv");
        var jailbreak = Read(dir, "paper-judge", "jailbreak.csv") ?? Read(dir, "paper-jailbreak", "jailbreak.csv");
        string Rate(string set) => Fmt(Cell(behaviour, set, "refusal rate (%)"), "%");
        var harmful = new[] { "harmbench_test", "jailbreakbench", "advbench" };
        var prompts = Cell(behaviour, "harmbench_test", "prompts") ?? "?";
        var rows = new List<(string, string)>
        {
            ($"harmful refusal ≥ 90% (harmbench_test / jailbreakbench / advbench, first {prompts})", string.Join(" / ", harmful.Select(Rate))),
            ($"harmless refusal ≤ 10% (harmless_test, first {Cell(behaviour, "harmless_test", "prompts") ?? "?"})", Rate("harmless_test")),
            ("validation, where the settings were chosen (harmful_val / harmless_val)", $"{Rate("harmful_val")} / {Rate("harmless_val")}"),
            ("SAE variance explained ≥ 0.85 on held-out activations (per layer)",
                sae is null ? "not built" : string.Join(" / ", sae.Rows.Select(r => Fmt(Cell(sae, r[0], "variance explained"), "")))),
        };
        if (jailbreak is not null)
        {
            var basis = RowMean(jailbreak, "Base", "refusal (%)");
            string Delta(string method) => Signed(RowMean(jailbreak, method, "refusal (%)") - basis);
            rows.Add(("Ours lowers harmful refusal by ≥ 50 points vs Base (mean over the sets)", $"{Delta(Findings.OursLabel)} points (Base {Numbers.Percent(basis)}%)"));
            rows.Add(("a random control of the same size lowers it by ≤ 10 points", $"{Delta("Random (control)")} points"));
            rows.Add(("for reference", $"CosSim {Delta("CosSim")}, ActDiff {Delta("ActDiff")}, AP {Delta("AP")}, AS (direction ablation) {Delta("AS")} points"));
        }
        var sb = new StringBuilder("| target | measured |\n|---|---|\n");
        foreach (var (target, measured) in rows) sb.Append($"| {target} | {measured} |\n");
        return sb.ToString();
    }

    private static ReportTable? Read(string dir, string stage, string csv)
    {
        var path = Path.Combine(dir, stage, csv);
        return File.Exists(path) ? ReportTable.Read(path, csv) : null;
    }

    private static string Fmt(string? cell, string unit) =>
        cell is null ? "n/a" : unit == "%" ? Numbers.Cell(cell, "%") + "%" : Numbers.Cell(cell, "");

    private static string Signed(double points) => double.IsNaN(points) ? "n/a" : (points >= 0 ? "+" : "−") + Numbers.Percent(Math.Abs(points));
}
