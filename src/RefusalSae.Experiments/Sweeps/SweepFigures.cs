using System.Globalization;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Sweeps;
using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Sweeps;

/// <summary>
/// One line figure per metric and per combination of the swept keys other than x: the metric against x, one line per
/// value of the series placeholder (mean over the other placeholders). A non-numeric x is plotted at its positions.
/// </summary>
public static class SweepFigures
{
    public sealed record Saved(string Name, string Title, string Png, string Svg);

    public static IReadOnlyList<Saved> Save(string dir, SweepSpec spec, IReadOnlyList<SweepRow> rows)
    {
        var compare = spec.Compare!;
        var x = SweepTables.XAxis(spec);
        var numericX = x.Values.All(v => double.TryParse(SweepTables.Text(v), NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        double XOf(int i) => numericX ? double.Parse(SweepTables.Text(x.Values[i]), CultureInfo.InvariantCulture) : i;
        var seriesAt = compare.Series is { } s ? compare.Placeholders.ToList().IndexOf(s) : -1;
        var facets = spec.Points().Where(p => p.Has(x.Key, x.Values[0]))
            .Select(p => p.Values.Where(v => v.Axis.Key != x.Key).ToList()).ToList();
        var saved = new List<Saved>();
        foreach (var (metric, _) in compare.Metrics)
            foreach (var facet in facets)
            {
                var inFacet = rows.Where(r => facet.All(f => r.Point.Has(f.Axis.Key, f.Value))).ToList();
                var labels = seriesAt < 0 ? [metric] : inFacet.Select(r => r.Bindings[seriesAt]).Distinct().ToList();
                var lines = labels.Select(label =>
                {
                    var points = Enumerable.Range(0, x.Values.Count).Select(i => (X: XOf(i), Y: SweepTables.Mean(inFacet
                        .Where(r => (seriesAt < 0 || r.Bindings[seriesAt] == label) && r.Point.Has(x.Key, x.Values[i]))
                        .Select(r => r.Metrics[metric])))).Where(p => p.Y is not null).ToList();
                    return new LineSeries(label, points.Select(p => p.X).ToList(), points.Select(p => p.Y!.Value).ToList());
                }).Where(l => l.X.Count > 0).ToList();
                if (lines.Count == 0) continue;
                var facetText = string.Join(", ", facet.Select(f => $"{f.Axis.Leaf} = {SweepTables.Text(f.Value)}"));
                var name = $"sweep_{Safe(metric)}" + (facet.Count > 0 ? "_" + SweepPoint.MakeId(facet) : "");
                var title = $"{metric} against {x.Leaf}" + (facetText.Length > 0 ? $" ({facetText})" : "");
                var xLabel = numericX ? x.Key : $"{x.Key} (positions: {string.Join(", ", x.Values.Select(SweepTables.Text))})";
                var (png, svg) = LineFigure.Save(dir, name, title, xLabel, metric, lines);
                saved.Add(new Saved(name, title, png, svg));
            }
        return saved;
    }

    private static string Safe(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
