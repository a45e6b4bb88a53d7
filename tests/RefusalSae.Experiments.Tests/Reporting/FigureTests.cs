using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Tests.Reporting;

public sealed class FigureTests
{
    private static string TempDir() => Directory.CreateTempSubdirectory("rsw-fig-").FullName;

    [Fact]
    public void A_font_file_is_found_so_figures_carry_text()
    {
        Assert.Equal("DejaVu Sans", FigureFonts.Name);
        Assert.True(File.Exists(FigureFonts.File), $"font file {FigureFonts.File}");
    }

    [Fact]
    public void Grouped_bars_write_a_png_and_an_svg_holding_the_title_groups_and_legend()
    {
        var dir = TempDir();
        var (png, svg) = GroupedBarFigure.Save(dir, "bars", "Jailbreak rate", "HarmBench ASR (%)",
            ["HarmBench", "JailbreakBench", "AdvBench"], ["Base", "Ours"], [[2, 5, 1], [80, 70, 90]]);
        AssertPng(png, Figure.DefaultWidth, Figure.DefaultHeight);
        var text = File.ReadAllText(svg);
        foreach (var s in new[] { "Jailbreak rate", "JailbreakBench", "Ours", "80" }) Assert.Contains(s, text);
    }

    [Fact]
    public void Lines_and_heatmaps_render_with_their_labels()
    {
        var dir = TempDir();
        var (png, svg) = LineFigure.Save(dir, "lines", "Refusal induction", "clamp value", "refusal rate (%)",
            [new LineSeries("Ours", [1, 2, 4], [10, 40, 90]), new LineSeries("Random", [1, 2, 4], [1, 2, 3])]);
        AssertPng(png, Figure.DefaultWidth, Figure.DefaultHeight);
        Assert.Contains("Refusal induction", File.ReadAllText(svg));
        var (hpng, hsvg) = HeatmapFigure.Save(Environment.GetEnvironmentVariable("RSW_FIGURE_DIR") ?? dir, "heat", "Overlap", ["a", "b"], new double[,] { { 1, 0.25 }, { 0.5, 0.75 } });
        AssertPng(hpng, 760, 640);
        Assert.Contains("0.75", File.ReadAllText(hsvg));
    }

    [Fact]
    public void A_ragged_series_is_rejected_with_its_label()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            LineFigure.Save(TempDir(), "bad", "t", "x", "y", [new LineSeries("broken", [1, 2], [1])]));
        Assert.Contains("broken", e.Message);
    }

    private static void AssertPng(string path, int width, int height)
    {
        var b = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], b[..4]);
        // IHDR: big-endian width and height at bytes 16..23.
        Assert.Equal(width, (b[16] << 24) | (b[17] << 16) | (b[18] << 8) | b[19]);
        Assert.Equal(height, (b[20] << 24) | (b[21] << 16) | (b[22] << 8) | b[23]);
    }
}
