using ScottPlot;

namespace RefusalSae.Experiments.Reporting;

/// <summary>
/// Grouped bars: one group per category (dataset), one bar per series (method) inside each group, as the paper's
/// Fig. 2 (jailbreak rate per dataset and method). Values are drawn with their number on top, formatted by <see cref="Numbers.Label"/>
/// (one decimal on a percent axis, three significant digits otherwise) unless a format is given.
/// </summary>
public static class GroupedBarFigure
{
    /// <param name="values">values[series][group]; NaN leaves a gap.</param>
    public static (string Png, string Svg) Save(string dir, string name, string title, string yLabel,
        IReadOnlyList<string> groups, IReadOnlyList<string> series, double[][] values, string? valueFormat = null)
    {
        if (values.Length != series.Count || values.Any(v => v.Length != groups.Count))
            throw new ArgumentException($"grouped bars '{title}': expected {series.Count} series of {groups.Count} values.");
        var plot = Figure.Create(title, "", yLabel);
        const double groupWidth = 0.8;
        var barWidth = groupWidth / series.Count;
        var bars = new List<Bar>();
        for (var s = 0; s < series.Count; s++)
            for (var g = 0; g < groups.Count; g++)
            {
                var v = values[s][g];
                if (double.IsNaN(v)) continue;
                bars.Add(new Bar
                {
                    Position = g - groupWidth / 2 + barWidth * (s + 0.5),
                    Value = v,
                    Size = barWidth * 0.92,
                    FillColor = Figure.Color(s),
                    Label = valueFormat is null ? Numbers.Label(v, yLabel) : v.ToString(valueFormat, System.Globalization.CultureInfo.InvariantCulture),
                });
            }
        var plottable = plot.Add.Bars(bars);
        plottable.ValueLabelStyle.FontSize = series.Count > 5 ? 9 : 11;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, groups.Count).Select(i => (double)i).ToArray(), groups.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        for (var s = 0; s < series.Count; s++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = series[s], FillColor = Figure.Color(s) });
        plot.ShowLegend(Edge.Right);
        plot.Axes.Margins(bottom: 0, top: 0.15);
        return Figure.Save(plot, dir, name);
    }
}
