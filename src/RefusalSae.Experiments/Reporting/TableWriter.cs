using RefusalSae.Engine;
using System.Text;

namespace RefusalSae.Experiments.Reporting;

/// <summary>Writes a <see cref="Table"/> as Markdown and as CSV (RFC 4180 quoting) side by side.</summary>
public static class TableWriter
{
    /// <summary>Writes <c>{dir}/{name}.md</c> and <c>{dir}/{name}.csv</c>; returns both paths.</summary>
    public static (string Markdown, string Csv) Write(Table table, string dir, string name)
    {
        table.Validate();
        Directory.CreateDirectory(dir);
        var md = Path.Combine(dir, name + ".md");
        var csv = Path.Combine(dir, name + ".csv");
        AtomicFile.WriteAllText(md, ToMarkdown(table));
        AtomicFile.WriteAllText(csv, ToCsv(table));
        return (md, csv);
    }

    public static string ToMarkdown(Table table)
    {
        var sb = new StringBuilder();
        sb.Append("### ").Append(table.Title).Append("\n\n");
        sb.Append("| ").Append(string.Join(" | ", table.Columns.Select(EscapeMd))).Append(" |\n");
        sb.Append('|').Append(string.Concat(table.Columns.Select(_ => "---|"))).Append('\n');
        // Markdown is read by people: numbers formatted for them (Numbers.Cell); the CSV keeps the stage's precision.
        foreach (var row in table.Rows)
            sb.Append("| ").Append(string.Join(" | ", row.Select((c, i) => EscapeMd(Numbers.Cell(c, table.Columns[i]))))).Append(" |\n");
        if (table.Notes.Count > 0)
        {
            sb.Append('\n');
            foreach (var n in table.Notes) sb.Append("- ").Append(n).Append('\n');
        }
        return sb.ToString();
    }

    public static string ToCsv(Table table)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(",", table.Columns.Select(EscapeCsv))).Append('\n');
        foreach (var row in table.Rows) sb.Append(string.Join(",", row.Select(EscapeCsv))).Append('\n');
        return sb.ToString();
    }

    private static string EscapeMd(string s) => s.Replace("|", "\\|").Replace("\n", " ");

    private static string EscapeCsv(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
