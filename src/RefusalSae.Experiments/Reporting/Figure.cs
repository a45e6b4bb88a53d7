using RefusalSae.Engine;
using ScottPlot;

namespace RefusalSae.Experiments.Reporting;

/// <summary>
/// Common figure plumbing: a fixed size, the pinned font, and saving as PNG and SVG through temporary files.
/// Fixed sizes and fonts keep a figure's bytes a function of its data, so unchanged results give unchanged files.
/// </summary>
public static class Figure
{
    public const int DefaultWidth = 900;
    public const int DefaultHeight = 520;

    /// <summary>A new plot with the pinned font and a title.</summary>
    public static Plot Create(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(FigureFonts.Name);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        return plot;
    }

    /// <summary>Saves <c>{dir}/{name}.png</c> and <c>{dir}/{name}.svg</c>; returns both paths.</summary>
    public static (string Png, string Svg) Save(Plot plot, string dir, string name, int width = DefaultWidth, int height = DefaultHeight)
    {
        Directory.CreateDirectory(dir);
        var png = Path.Combine(dir, name + ".png");
        var svg = Path.Combine(dir, name + ".svg");
        AtomicFile.Write(png, tmp => plot.SavePng(tmp, width, height));
        AtomicFile.Write(svg, tmp => plot.SaveSvg(tmp, width, height));
        return (png, svg);
    }

    /// <summary>The n-th color of a colour-blind-friendly palette, stable across figures (method i has one colour everywhere).</summary>
    public static Color Color(int index) => new ScottPlot.Palettes.Category10().GetColor(index);
}
