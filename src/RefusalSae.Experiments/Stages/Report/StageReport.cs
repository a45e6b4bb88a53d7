namespace RefusalSae.Experiments.Stages.Report;

/// <summary>
/// What the report shows of one stage: its provenance (null without a manifest), its tables, its figures and its raw
/// logs (CSV files too long to be a table, e.g. a training log, linked rather than shown).
/// </summary>
public sealed record StageReport(string Name, string Directory, StageProvenance? Provenance, IReadOnlyList<ReportTable> Tables,
    IReadOnlyList<ReportFigure> Figures, IReadOnlyList<string> Logs)
{
    /// <summary>Reads a stage's output folder: every *.csv as a table (or a log, when long), every *.png as a figure.</summary>
    public static StageReport Collect(string name, string stageDir)
    {
        var tables = new List<ReportTable>();
        var logs = new List<string>();
        foreach (var rel in Files(stageDir, "*.csv"))
        {
            var path = Path.Combine(stageDir, rel);
            if (IsLog(path)) logs.Add(path);
            else tables.Add(ReportTable.Read(path, rel.Replace('\\', '/')));
        }
        var figures = Files(stageDir, "*.png").Select(rel => new ReportFigure(rel.Replace('\\', '/'), Path.Combine(stageDir, rel))).ToList();
        return new StageReport(name, stageDir, StageProvenance.Read(name, stageDir), tables, figures, logs);
    }

    public bool HasResults => Tables.Count > 0 || Figures.Count > 0 || Logs.Count > 0;

    public ReportTable? Table(string source) => Tables.FirstOrDefault(t => t.Source == source);

    public ReportFigure? Figure(string title) => Figures.FirstOrDefault(f => f.Title == title);

    /// <summary>A log is a CSV with no Markdown twin (no stage wrote it as a table) or more rows than a table shows.</summary>
    private static bool IsLog(string csv) =>
        !File.Exists(Path.ChangeExtension(csv, ".md")) || File.ReadLines(csv).Skip(1).Take(ReportTable.MaxRows + 1).Count() > ReportTable.MaxRows;

    private static IEnumerable<string> Files(string dir, string pattern) =>
        System.IO.Directory.EnumerateFiles(dir, pattern, SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal);
}
