using RefusalSae.Experiments.Reporting;
using RefusalSae.Experiments.Stages.Harm;
using static RefusalSae.Experiments.Stages.Report.TableLookup;

namespace RefusalSae.Experiments.Stages.Report;

/// <summary>
/// One line per paper section for the top of the report, each read from that section's own tables (so it cannot
/// disagree with them) and linking to the section. A section whose stages did not run says so.
/// </summary>
public static class Findings
{
    public const string OursLabel = "CosSim+AP (Ours)";

    public sealed record Line(string SectionId, string Label, string Text);

    public static IReadOnlyList<Line> Of(IReadOnlyDictionary<string, StageReport> stages, int dashboards)
    {
        var lines = new List<Line>();
        if (JailbreakTable(stages) is { } jb)
        {
            var methods = new[] { "Base", OursLabel, "AS", "Random (control)" };
            var refusal = string.Join(", ", methods.Select(m => (m, v: RowMean(jb, m, "refusal (%)"))).Where(p => !double.IsNaN(p.v))
                .Select(p => $"{Short(p.m)} {Numbers.Percent(p.v)}%"));
            var asr = RowMean(jb, OursLabel, "ASR (%)");
            var paperAsr = RowMean(jb, OursLabel, "paper ASR (%)");
            lines.Add(new Line(ReportSection.Jailbreak, "§4.1 jailbreak", $"mean substring refusal over the harmful sets: {refusal}" +
                (double.IsNaN(asr) ? "; no HarmBench judge configured (ASR n/a)" : $"; HarmBench ASR of Ours {Numbers.Percent(asr)}%") +
                (double.IsNaN(paperAsr) ? "." : $" (paper: {Numbers.Percent(paperAsr)}%).")));
        }
        if (stages.TryGetValue("paper-categories", out var cat))
        {
            var common = File.Exists(Path.Combine(cat.Directory, CategorySets.File)) ? CategorySets.Load(cat.Directory).Common : [];
            var table = cat.Table("categories.csv");
            var norm = string.Join(" / ", new[] { "Specific / all", "Common / all", "Specific (T) / all" }.Select(c => Numbers.Cell(Cell(table, "mean", c) ?? "n/a", c)));
            lines.Add(new Line(ReportSection.Categories, "§4.2 common features",
                $"{common.Count} feature{(common.Count == 1 ? "" : "s")} common to every CATQA category{(common.Count == 0 ? "" : $" ({string.Join(" ", common.Take(10))}{(common.Count > 10 ? " …" : "")})")}; " +
                $"normalised jailbreak, mean over categories, Specific / Common / Specific (T): {norm}."));
        }
        var suffixes = stages.GetValueOrDefault("paper-suffixes")?.Table("suffixes.csv");
        var wjb = stages.GetValueOrDefault("paper-wildjailbreak")?.Table("wildjailbreak.csv");
        if (suffixes is not null || wjb is not null)
            lines.Add(new Line(ReportSection.Adversarial, "§4.3 adversarial prompts",
                $"suffixes: goals jailbroken by their local sets {Cell(suffixes, "jailbroken by their local sets", "ours") ?? "n/a"}, " +
                $"refusal-feature presence {Fmt(Cell(suffixes, "mean presence", "ours"))}; WildJailbreak, jailbroken pairs: " +
                $"{Cell(wjb, "jailbroken", "pairs") ?? "n/a"} pairs, harm / refusal decrease {Fmt(Cell(wjb, "jailbroken", "harm decrease"))} / {Fmt(Cell(wjb, "jailbroken", "refusal decrease"))}."));
        if (stages.GetValueOrDefault("paper-probes")?.Table("probes.csv") is { } probes)
            lines.Add(new Line(ReportSection.Probes, "OOD probes", "test accuracy (adversarial test set, vanilla train): " +
                string.Join(", ", probes.Rows.Where(r => r.Count > 1).Select(r => $"{r[0]} {Fmt(r[1])}")) + "."));
        if (stages.GetValueOrDefault("paper-side-effects")?.Table("side_effects.csv") is { } side)
            lines.Add(new Line(ReportSection.SideEffects, "side effects", string.Join("; ", side.Header.Skip(1).Select(c =>
                $"{c}: Base {Fmt(Cell(side, "Base", c), c)}, Ours {Fmt(Cell(side, OursLabel, c) ?? Cell(side, "Ours", c), c)}")) + "."));
        if (dashboards > 0)
            lines.Add(new Line(ReportSection.Dashboards, "feature dashboards", $"{dashboards} selected features (Ours of every set and the §4.2 common set), each with its top-activating contexts."));
        return lines;
    }

    /// <summary>The final §4.1 table: paper-judge's (ASR and refusal), else paper-jailbreak's (refusal only).</summary>
    public static ReportTable? JailbreakTable(IReadOnlyDictionary<string, StageReport> stages) =>
        stages.GetValueOrDefault("paper-judge")?.Table("jailbreak.csv") ?? stages.GetValueOrDefault("paper-jailbreak")?.Table("jailbreak.csv");

    public static ReportFigure? JailbreakFigure(IReadOnlyDictionary<string, StageReport> stages) =>
        stages.GetValueOrDefault("paper-judge")?.Figure("jailbreak.png") ?? stages.GetValueOrDefault("paper-jailbreak")?.Figure("jailbreak.png");

    private static string Short(string method) => method == OursLabel ? "Ours" : method;

    private static string Fmt(string? cell, string header = "") => cell is null ? "n/a" : Numbers.Cell(cell, header);
}
