using System.Text;

namespace RefusalSae.Experiments.Stages.Report;

/// <summary>HTML building blocks; every text and attribute goes through <see cref="E"/>, every relative link through <see cref="Href"/>.</summary>
public static class Html
{
    /// <summary>
    /// HTML-escapes text and attribute values: &amp; &lt; &gt; " ' only. Other characters stay as they are (the page is
    /// UTF-8), where WebUtility.HtmlEncode would turn "§" or "→" into numeric entities.
    /// </summary>
    public static string E(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return sb.ToString();
    }

    /// <summary>A relative path as an escaped URL: each segment percent-encoded, then HTML-escaped.</summary>
    public static string Href(string relativePath) => E(string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString)));

    /// <summary>An absolute http(s) URL, HTML-escaped; anything else (javascript:, data:) is refused.</summary>
    public static string Url(string url) =>
        url.StartsWith("https://", StringComparison.Ordinal) || url.StartsWith("http://", StringComparison.Ordinal)
            ? E(url) : throw new ArgumentException($"not an http(s) URL: {url}");

    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? cssClass = null)
    {
        var sb = new StringBuilder();
        sb.Append(cssClass is null ? "<table>" : $"<table class=\"{E(cssClass)}\">");
        sb.Append("<thead><tr>").Append(string.Concat(header.Select(h => $"<th>{E(h)}</th>"))).Append("</tr></thead><tbody>\n");
        foreach (var row in rows) sb.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{E(c)}</td>"))).Append("</tr>\n");
        return sb.Append("</tbody></table>\n").ToString();
    }

    /// <summary>Like <see cref="Table"/>, but the cells are already HTML (built with <see cref="E"/>).</summary>
    public static string RawTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> htmlRows)
    {
        var sb = new StringBuilder("<table><thead><tr>");
        sb.Append(string.Concat(header.Select(h => $"<th>{E(h)}</th>"))).Append("</tr></thead><tbody>\n");
        foreach (var row in htmlRows) sb.Append("<tr>").Append(string.Concat(row.Select(c => $"<td>{c}</td>"))).Append("</tr>\n");
        return sb.Append("</tbody></table>\n").ToString();
    }

    public const string Style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; margin: 0.6em auto 2em; max-width: 1380px; padding: 0 10px; color: #222; }
        h1 { font-size: 1.45em; margin: 0.2em 0 0.4em; } h2 { border-bottom: 2px solid #ddd; padding-bottom: 0.2em; margin-top: 1.6em; }
        h3.small { font-size: 1em; margin: 0.6em 0 0.2em; } h3.stage { color: #444; margin-top: 1.2em; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }
        table.compact { font-size: 0.8em; margin: 0.2em 0 0.3em; } table.compact th, table.compact td { padding: 0.15em 0.4em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
        td { font-variant-numeric: tabular-nums; } th { background: #f3f3f3; }
        td code, pre { font-size: 0.85em; }
        pre { background: #f7f7f7; padding: 0.8em; overflow-x: auto; }
        figure { margin: 1em 0; } figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
        .headline { display: grid; grid-template-columns: minmax(0, 1.05fr) minmax(0, 1fr); gap: 14px; align-items: start; }
        .headline > div { overflow-x: auto; }
        .headline img { width: 100%; height: auto; border: 1px solid #ddd; }
        .findings { margin: 0.4em 0; padding-left: 1.2em; font-size: 0.92em; } .findings li { margin: 0.15em 0; }
        .notes { color: #555; font-size: 0.9em; } .caption { color: #666; font-size: 0.85em; margin: 0.1em 0 0.8em; }
        nav { position: sticky; top: 0; background: #fff; padding: 0.4em 0; border-bottom: 1px solid #eee; font-size: 0.9em; z-index: 1; }
        nav a { margin-right: 1em; }
        .dashboard { border: 1px solid #ddd; border-radius: 4px; padding: 0.4em 0.8em; margin: 1em 0; }
        .dashboard h3 { margin: 0.2em 0; } .dashboard h4 { margin: 0.5em 0 0.2em; font-size: 0.95em; }
        .dash-grid { display: grid; grid-template-columns: 480px minmax(0, 1fr); gap: 16px; }
        .dash-index a { margin-right: 0.6em; font-family: monospace; }
        .hist { max-width: 100%; height: auto; border: 1px solid #eee; }
        .ctx { font-family: "DejaVu Sans Mono", monospace; font-size: 0.82em; line-height: 1.7; margin: 0.15em 0; white-space: pre-wrap; word-break: break-all; }
        .ctx .src { color: #777; font-family: "DejaVu Sans", sans-serif; font-size: 0.9em; margin-right: 0.4em; }
        .tok { border-radius: 2px; } .tok.peak { outline: 1px solid #a33; }
        a.np { font-size: 0.7em; font-weight: normal; }
        """;
}
