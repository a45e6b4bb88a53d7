using System.Globalization;

namespace RefusalSae.Experiments.Stages.Report;

/// <summary>Reads single values out of a stage's table by row label (first cell) and column header, for the findings lines.</summary>
public static class TableLookup
{
    public static string? Cell(ReportTable? table, string rowPrefix, string column)
    {
        if (table is null) return null;
        var c = IndexOf(table, column);
        var row = table.Rows.FirstOrDefault(r => r.Count > 0 && r[0].StartsWith(rowPrefix, StringComparison.Ordinal));
        return c < 0 || row is null || c >= row.Count || row[c].Length == 0 ? null : row[c];
    }

    /// <summary>The mean of a row's numeric cells in the columns whose header ends with <paramref name="suffix"/>; NaN when none is numeric.</summary>
    /// <remarks>Columns holding the paper's numbers ("… paper ASR (%)") count only when <paramref name="suffix"/> names them.</remarks>
    public static double RowMean(ReportTable? table, string rowLabel, string suffix)
    {
        var paper = suffix.Contains("paper", StringComparison.Ordinal);
        if (table is null) return double.NaN;
        var row = table.Rows.FirstOrDefault(r => r.Count > 0 && r[0] == rowLabel);
        if (row is null) return double.NaN;
        var values = table.Header.Select((h, i) => (h, i)).Where(p => p.h.EndsWith(suffix, StringComparison.Ordinal) && p.i < row.Count && (paper || !p.h.Contains(" paper ", StringComparison.Ordinal)))
            .Select(p => Number(row[p.i])).Where(v => !double.IsNaN(v)).ToList();
        return values.Count == 0 ? double.NaN : values.Average();
    }

    public static double Number(string? cell) =>
        cell is not null && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;

    private static int IndexOf(ReportTable table, string column)
    {
        for (var i = 0; i < table.Header.Count; i++) if (table.Header[i] == column) return i;
        return -1;
    }
}
