using RefusalSae.Experiments.Dashboards;
using ScottPlot;

namespace RefusalSae.Experiments.Reporting;

/// <summary>A feature's activation histogram: one bar series per group (harmful, harmless) side by side in each bin, small enough for a dashboard.</summary>
public static class HistogramFigure
{
    public const int Width = 460;
    public const int Height = 260;

    public static (string Png, string Svg) Save(string dir, string name, string title, string xLabel, ActivationHistogram histogram)
    {
        var plot = Figure.Create(title, xLabel, "prompts");
        var bins = histogram.Counts[0].Count;
        var binWidth = histogram.Upper / bins;
        var groups = histogram.Groups.Count;
        var bars = new List<Bar>();
        for (var g = 0; g < groups; g++)
            for (var i = 0; i < bins; i++)
                bars.Add(new Bar
                {
                    Position = i * binWidth + binWidth * (g + 0.5) / groups,
                    Value = histogram.Counts[g][i],
                    Size = binWidth / groups * 0.95,
                    FillColor = Figure.Color(g),
                    LineWidth = 0,
                });
        plot.Add.Bars(bars);
        for (var g = 0; g < groups; g++)
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = histogram.Groups[g], FillColor = Figure.Color(g) });
        plot.ShowLegend(Alignment.UpperRight);
        plot.Axes.Margins(bottom: 0, top: 0.1);
        plot.Axes.Title.Label.FontSize = 13;
        return Figure.Save(plot, dir, name, Width, Height);
    }
}
