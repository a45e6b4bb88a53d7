using System.Text;
using RefusalSae.Experiments.Reporting;
using static System.Net.WebUtility;

namespace RefusalSae.Experiments.Sweeps;

/// <summary>The sweep's HTML page (sweep/index.html): points and their status, the pivot tables, the figures, provenance. Needs no server.</summary>
public static class SweepPage
{
    public static string Render(SweepInputs inputs, IReadOnlyList<Table> pivots, IReadOnlyList<SweepFigures.Saved> figures)
    {
        var sb = new StringBuilder();
        sb.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sweep: ").Append(HtmlEncode(inputs.Experiment)).Append("</title>\n")
          .Append("<style>body{font-family:DejaVu Sans,sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:1em 0}")
          .Append("td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}th{background:#f3f3f3}img{max-width:100%}.notes{color:#555}</style></head><body>\n")
          .Append("<h1>Sweep: ").Append(HtmlEncode(inputs.Experiment)).Append("</h1>\n");
        var failed = inputs.Points.Where(p => p.Status != "ok").ToList();
        sb.Append($"<p>{inputs.Points.Count} points over {HtmlEncode(string.Join(", ", inputs.Spec.Axes.Select(a => a.Key)))}; ")
          .Append(failed.Count == 0 ? "all built.</p>\n" : $"<strong>{failed.Count} not ok</strong>: {HtmlEncode(string.Join(", ", failed.Select(p => $"{p.Point.Id} ({p.Status})")))}.</p>\n");
        foreach (var t in pivots) AppendTable(sb, t);
        foreach (var f in figures)
            sb.Append($"<figure><img src=\"{HtmlEncode(Path.GetFileName(f.Png))}\" alt=\"{HtmlEncode(f.Title)}\"><figcaption>{HtmlEncode(f.Title)} (<a href=\"{HtmlEncode(Path.GetFileName(f.Svg))}\">SVG</a>)</figcaption></figure>\n");
        sb.Append("<h2>Points</h2>\n<table><tr><th>point</th><th>status</th><th>report</th></tr>\n");
        foreach (var p in inputs.Points)
        {
            var report = $"../points/{p.Point.Id}/report/index.html";
            var link = File.Exists(Path.Combine(p.Workspace, "report", "index.html")) ? $"<a href=\"{HtmlEncode(report)}\">report</a>" : "–";
            sb.Append($"<tr><td>{HtmlEncode(p.Point.Id)}</td><td>{HtmlEncode(p.Status)}</td><td>{link}</td></tr>\n");
        }
        sb.Append("</table>\n<p class=\"notes\">Each point's overrides and stage keys: <a href=\"provenance.json\">provenance.json</a>; every value: <a href=\"sweep.csv\">sweep.csv</a>.</p>\n</body></html>\n");
        return sb.ToString();
    }

    private static void AppendTable(StringBuilder sb, Table t)
    {
        sb.Append("<h2>").Append(HtmlEncode(t.Title)).Append("</h2>\n<table><tr>");
        foreach (var c in t.Columns) sb.Append("<th>").Append(HtmlEncode(c)).Append("</th>");
        sb.Append("</tr>\n");
        foreach (var r in t.Rows) sb.Append("<tr>").Append(string.Concat(r.Select(c => $"<td>{HtmlEncode(c)}</td>"))).Append("</tr>\n");
        sb.Append("</table>\n");
        foreach (var n in t.Notes) sb.Append("<p class=\"notes\">").Append(HtmlEncode(n)).Append("</p>\n");
    }
}
