namespace RefusalSae.Experiments.Stages.Report;

/// <summary>
/// One table of a stage, read back from its CSV (the cells) and the Markdown written beside it (the title after
/// "### " and the notes, the "- " lines under the table). At most <see cref="MaxRows"/> rows are shown.
/// </summary>
public sealed record ReportTable(string CsvPath, string Source, string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyList<string> Notes, int OmittedRows)
{
    public const int MaxRows = 200;

    /// <param name="source">The CSV's path relative to the stage folder, for the caption.</param>
    public static ReportTable Read(string csvPath, string source)
    {
        var all = CsvText.Parse(File.ReadAllText(csvPath));
        var header = all.Count > 0 ? all[0] : [];
        var rows = all.Skip(1).ToList();
        var md = Path.ChangeExtension(csvPath, ".md");
        var title = Path.GetFileNameWithoutExtension(csvPath);
        var notes = new List<string>();
        if (File.Exists(md))
        {
            var lines = File.ReadAllLines(md);
            if (lines.FirstOrDefault(l => l.StartsWith("### ", StringComparison.Ordinal)) is { } h) title = h[4..];
            var afterTable = lines.SkipWhile(l => !l.StartsWith('|')).SkipWhile(l => l.StartsWith('|'));
            notes.AddRange(afterTable.Where(l => l.StartsWith("- ", StringComparison.Ordinal)).Select(l => l[2..]));
        }
        return new ReportTable(csvPath, source, title, header, rows.Take(MaxRows).ToList(), notes, Math.Max(0, rows.Count - MaxRows));
    }
}
