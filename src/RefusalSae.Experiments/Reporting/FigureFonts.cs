namespace RefusalSae.Experiments.Reporting;

/// <summary>
/// ScottPlot silently renders figures with no text when no font file exists (platform.md §0.4). We pin DejaVu Sans
/// and fail loudly when it is missing, rather than write an unreadable figure.
/// </summary>
public static class FigureFonts
{
    private static readonly string[] FontFolders = ["/usr/share/fonts", "/usr/local/share/fonts", "/System/Library/Fonts", @"C:\Windows\Fonts"];
    private static readonly Lazy<string> Family = new(Register);

    /// <summary>The font family every figure uses; throws when no usable font file is installed.</summary>
    public static string Name => Family.Value;

    /// <summary>The font file in use, for tests and the report's provenance.</summary>
    public static string? File { get; private set; }

    private static string Register()
    {
        foreach (var folder in FontFolders.Where(Directory.Exists))
        {
            var path = Directory.EnumerateFiles(folder, "DejaVuSans.ttf", SearchOption.AllDirectories).FirstOrDefault();
            if (path is null) continue;
            ScottPlot.Fonts.AddFontFile("DejaVu Sans", path);
            var bold = Path.Combine(Path.GetDirectoryName(path)!, "DejaVuSans-Bold.ttf");
            if (System.IO.File.Exists(bold)) ScottPlot.Fonts.AddFontFile("DejaVu Sans", bold, bold: true, italic: false);
            ScottPlot.Fonts.Default = "DejaVu Sans";
            File = path;
            return "DejaVu Sans";
        }
        throw new InvalidOperationException(
            "no DejaVuSans.ttf under " + string.Join(", ", FontFolders) + ": figures would have no text. Install fonts-dejavu-core (Debian/Ubuntu).");
    }
}
