using ScottPlot;

namespace RefusalSae.Experiments.Reporting;

/// <summary>A labelled square heatmap with a colour bar and the value printed in each cell (e.g. Jaccard overlap of feature sets).</summary>
public static class HeatmapFigure
{
    /// <param name="values">values[row, column].</param>
    public static (string Png, string Svg) Save(string dir, string name, string title, IReadOnlyList<string> labels, double[,] values)
    {
        var n = labels.Count;
        if (values.GetLength(0) != n || values.GetLength(1) != n)
            throw new ArgumentException($"heatmap '{title}': expected a {n}x{n} matrix.");
        var plot = Figure.Create(title, "", "");
        var hm = plot.Add.Heatmap(values);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        plot.Add.ColorBar(hm);
        for (var r = 0; r < n; r++)
            for (var c = 0; c < n; c++)
            {
                // Heatmap rows are drawn bottom-up: row r sits at y = n-1-r.
                var t = plot.Add.Text(Numbers.Significant(values[r, c]), c, n - 1 - r);
                t.LabelAlignment = Alignment.MiddleCenter;
                t.LabelFontColor = values[r, c] > 0.5 ? Colors.Black : Colors.White;
                t.LabelFontSize = 11;
            }
        var ticks = Enumerable.Range(0, n).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels.ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks, labels.Reverse().ToArray());
        return Figure.Save(plot, dir, name, 760, 640);
    }
}
