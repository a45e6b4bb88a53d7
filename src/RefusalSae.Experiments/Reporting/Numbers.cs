using System.Globalization;

namespace RefusalSae.Experiments.Reporting;

/// <summary>
/// Numbers as people read them, in tables and figures alike: percentages (and percentage points) to one decimal,
/// other non-integers to three significant digits, integers (counts, steps, ids) as they are.
/// </summary>
public static class Numbers
{
    /// <summary>Three significant digits, no exponent between 1e-4 and 1e6 (0.000300, 12.3, 1230).</summary>
    public static string Significant(double value, int digits = 3)
    {
        if (double.IsNaN(value)) return "n/a";
        if (double.IsInfinity(value)) return value > 0 ? "∞" : "−∞";
        if (value == 0) return "0";
        var magnitude = (int)Math.Floor(Math.Log10(Math.Abs(value)));
        if (magnitude < -4 || magnitude >= 6) return value.ToString($"0.{new string('0', digits - 1)}e+0", CultureInfo.InvariantCulture);
        var scale = Math.Pow(10, magnitude - digits + 1);
        var rounded = Math.Round(value / scale) * scale;
        magnitude = (int)Math.Floor(Math.Log10(Math.Abs(rounded)));   // 9.996 rounds up to 10.0: one decimal fewer
        var decimals = Math.Max(0, digits - 1 - magnitude);
        return rounded.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>A value already in percent (or percentage points), to one decimal.</summary>
    public static string Percent(double percent) =>
        double.IsNaN(percent) ? "n/a" : percent.ToString("F1", CultureInfo.InvariantCulture);

    /// <summary>A fraction in [0, 1] as a percentage to one decimal with its sign, e.g. 0.1234 → "12.3%".</summary>
    public static string PercentOf(double fraction) => double.IsNaN(fraction) ? "n/a" : Percent(100 * fraction) + "%";

    /// <summary>Whether a column holds percentages or percentage points, by the unit its header names.</summary>
    public static bool IsPercentColumn(string header) =>
        header.Contains('%') || header.Contains("points", StringComparison.OrdinalIgnoreCase) || header.Contains("percent", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A table cell for people: a number in a percent column to one decimal, a non-integer elsewhere to three significant
    /// digits (an explicit '+' kept); integers outside percent columns (counts, steps) and text (n/a, "≥ 90", "L0/12") unchanged.
    /// </summary>
    public static string Cell(string cell, string header)
    {
        var text = cell.Trim();
        var percent = IsPercentColumn(header);
        if (text.Length == 0 || (!percent && !text.Any(c => c is '.' or 'e' or 'E'))) return cell;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value)) return cell;
        var formatted = percent ? Percent(value) : Significant(value);
        return text.StartsWith('+') && value >= 0 ? "+" + formatted : formatted;
    }

    /// <summary>A figure's value label: one decimal on a percent axis, three significant digits otherwise.</summary>
    public static string Label(double value, string axisLabel) => IsPercentColumn(axisLabel) ? Percent(value) : Significant(value);
}
