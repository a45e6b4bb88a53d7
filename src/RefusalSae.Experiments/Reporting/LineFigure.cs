namespace RefusalSae.Experiments.Reporting;

/// <summary>Lines over a shared x axis: training curves, refusal induction over the clamp value (paper Fig. 3).</summary>
public static class LineFigure
{
    public static (string Png, string Svg) Save(string dir, string name, string title, string xLabel, string yLabel,
        IReadOnlyList<LineSeries> series, bool markers = true, bool logY = false)
    {
        var plot = Figure.Create(title, xLabel, yLabel);
        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i].Validate();
            var ys = s.Y.Select(y => logY ? Math.Log10(Math.Max(y, 1e-12)) : y).ToArray();
            var line = plot.Add.Scatter(s.X.ToArray(), ys, Figure.Color(i));
            line.LegendText = s.Label;
            line.LineWidth = 2;
            line.MarkerSize = markers ? 6 : 0;
        }
        if (logY) plot.YLabel(yLabel + " (log10)");
        if (series.Count > 1) plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        return Figure.Save(plot, dir, name);
    }
}
