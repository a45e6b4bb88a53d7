namespace RefusalSae.Experiments.Stages.Report;

/// <summary>
/// Files inlined as data: URIs, so index.html is one file that travels (CI artifact, e-mail) and needs no server,
/// no network and no folder beside it.
/// </summary>
public static class Embedded
{
    /// <summary>Files larger than this are not inlined (a completions log would swell the page); the report names them instead.</summary>
    public const long MaxBytes = 4 << 20;

    public static string DataUri(string path, string mime) => $"data:{mime};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}";

    public static string Png(string path) => DataUri(path, "image/png");

    /// <summary>A download link to a CSV, or its name alone when it is too large to inline.</summary>
    public static string CsvLink(string path, string label)
    {
        var name = Path.GetFileName(path);
        return new FileInfo(path).Length > MaxBytes
            ? $"{Html.E(label)} (<code>{Html.E(name)}</code>, too large to embed: beside the stage's results)"
            : $"<a href=\"{DataUri(path, "text/csv")}\" download=\"{Html.E(name)}\">{Html.E(label)}</a>";
    }
}
