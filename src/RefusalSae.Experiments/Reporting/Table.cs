using System.Globalization;

namespace RefusalSae.Experiments.Reporting;

/// <summary>
/// A result table: a title, column headers and rows of cells. Cells are formatted once, invariantly, so the
/// Markdown and CSV renderings hold the same text and a table's bytes depend only on its values.
/// </summary>
public sealed record Table(string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>Notes printed under the Markdown table (deviations from the paper, sources of reference numbers).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static string Cell(double value, int decimals = 3) =>
        double.IsNaN(value) ? "n/a" : value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    public static string Percent(double fraction, int decimals = 1) =>
        double.IsNaN(fraction) ? "n/a" : (100 * fraction).ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>Checks that every row has one cell per column; a ragged table is a bug in the stage that built it.</summary>
    public Table Validate()
    {
        for (var i = 0; i < Rows.Count; i++)
            if (Rows[i].Count != Columns.Count)
                throw new InvalidOperationException($"table '{Title}': row {i} has {Rows[i].Count} cells, expected {Columns.Count}.");
        return this;
    }
}
