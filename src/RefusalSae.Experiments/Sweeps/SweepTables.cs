using System.Globalization;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Sweeps;
using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Sweeps;

/// <summary>
/// The comparison as tables: the long table (CSV: one row per point and placeholder binding, every metric) and, per
/// metric, a pivot for people (Markdown: rows = series value × the other swept keys, columns = the x key's values,
/// cells = the mean over the remaining placeholders).
/// </summary>
public static class SweepTables
{
    public static Table Long(SweepSpec spec, IReadOnlyList<SweepRow> rows)
    {
        var compare = spec.Compare!;
        var columns = spec.Axes.Select(a => a.Key).Concat(compare.Placeholders).Concat(compare.Metrics.Select(m => m.Name)).ToList();
        var cells = rows.Select(r => (IReadOnlyList<string>)spec.Axes.Select(a => Text(r.Point.ValueOf(a.Key)))
            .Concat(r.Bindings).Concat(compare.Metrics.Select(m => Number(r.Metrics[m.Name]))).ToList()).ToList();
        return new Table($"Sweep comparison: {string.Join(", ", compare.Metrics.Select(m => m.Name))} per point ({compare.Stage}/{compare.File})", columns, cells);
    }

    public static Table Pivot(SweepSpec spec, IReadOnlyList<SweepRow> rows, string metric, IReadOnlyList<string> failed)
    {
        var compare = spec.Compare!;
        var x = XAxis(spec);
        var others = spec.Axes.Where(a => a.Key != x.Key).ToList();
        var columns = (compare.Series is { } s ? [s] : new List<string>()).Concat(others.Select(a => a.Leaf))
            .Concat(x.Values.Select(v => $"{x.Leaf} = {Text(v)}")).ToList();
        var seriesAt = compare.Series is { } name ? compare.Placeholders.ToList().IndexOf(name) : -1;
        var groups = rows.GroupBy(r => RowKey(r, seriesAt, others), StringComparer.Ordinal);
        var table = groups.Select(g =>
        {
            var first = g.First();
            var head = (seriesAt >= 0 ? [first.Bindings[seriesAt]] : new List<string>())
                .Concat(others.Select(a => Text(first.Point.ValueOf(a.Key))));
            var cells = x.Values.Select(v => Number(Mean(g.Where(r => r.Point.Has(x.Key, v))
                .Select(r => r.Metrics[metric]))));
            return (IReadOnlyList<string>)head.Concat(cells).ToList();
        }).ToList();
        var averaged = compare.Placeholders.Where(p => p != compare.Series).ToList();
        var notes = new List<string>
        {
            averaged.Count > 0 ? $"Each cell is the mean of {metric} over {string.Join(", ", averaged)}; the CSV has every value." : $"Each cell is {metric}.",
            $"Swept keys: {string.Join(", ", spec.Axes.Select(a => a.Key))}.",
        };
        if (failed.Count > 0) notes.Add($"Failed or missing points (no rows): {string.Join(", ", failed)}.");
        return new Table($"Sweep: {metric} against {x.Key}", columns, table) { Notes = notes };
    }

    public static SweepAxis XAxis(SweepSpec spec) =>
        spec.Compare?.X is { } x ? spec.Axes.First(a => a.Key == x.Key) : spec.Axes.First();

    public static double? Mean(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToList();
        return present.Count == 0 ? null : present.Average();
    }

    private static string RowKey(SweepRow r, int seriesAt, IReadOnlyList<SweepAxis> others) =>
        string.Join('\u001f', (seriesAt < 0 ? [] : new[] { r.Bindings[seriesAt] })
            .Concat(others.Select(a => CanonicalJson.Serialize(r.Point.ValueOf(a.Key)))));

    public static string Text(System.Text.Json.Nodes.JsonNode? v) =>
        v is System.Text.Json.Nodes.JsonValue j && j.TryGetValue<string>(out var s) ? s : CanonicalJson.Serialize(v);

    /// <summary>Three significant digits, "n/a" when absent: the house format for figures that are not percentages.</summary>
    public static string Number(double? v) => v is { } d ? d.ToString("G3", CultureInfo.InvariantCulture) : "n/a";
}
