using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RefusalSae.Experiments.Dashboards;
using RefusalSae.Experiments.Reporting;
using static RefusalSae.Experiments.Stages.Report.Html;

namespace RefusalSae.Experiments.Stages.Report;

/// <summary>
/// The experiment's report as one self-contained HTML page (figures and CSVs inlined as data: URIs, no script, no
/// network): findings first (the §4.1 figure and table, the organism's behaviour targets, one line per paper
/// section), then one section per paper section, the feature dashboards, the configuration and each stage's provenance.
/// </summary>
public static class HtmlReport
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    public static string Render(ReportInput input)
    {
        var byName = input.Stages.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var sections = ReportSection.All.Where(sec => sec.Stages.Any(n => byName.TryGetValue(n, out var s) && s.HasResults)).ToList();
        var named = ReportSection.All.SelectMany(s => s.Stages).Concat(ReportSection.Special).ToHashSet();
        var others = input.Stages.Where(s => !named.Contains(s.Name) && s.HasResults).ToList();
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
          .Append("<title>RefusalSae experiment report</title>\n<style>").Append(Style).Append("</style></head><body>\n");
        Headline(sb, byName, input.Dashboards.Count);
        sb.Append("<nav>").Append(string.Concat(sections.Select(s => $"<a href=\"#{s.Id}\">{E(s.Title)}</a>")));
        if (input.Dashboards.Count > 0) sb.Append($"<a href=\"#{ReportSection.Dashboards}\">Feature dashboards</a>");
        if (others.Count > 0) sb.Append($"<a href=\"#{ReportSection.Other}\">Other stages</a>");
        sb.Append("<a href=\"#config\">Configuration</a><a href=\"#provenance\">Provenance</a></nav>\n");
        foreach (var sec in sections)
        {
            sb.Append($"<section id=\"{sec.Id}\"><h2>{E(sec.Title)}</h2>\n");
            if (sec.Id == ReportSection.Jailbreak) Features(sb, input);
            foreach (var name in sec.Stages) if (byName.TryGetValue(name, out var s) && s.HasResults) Results(sb, s);
            sb.Append("</section>\n");
        }
        if (input.Dashboards.Count > 0)
        {
            sb.Append($"<section id=\"{ReportSection.Dashboards}\"><h2>Feature dashboards</h2>\n");
            DashboardHtml.Render(sb, input.Dashboards, input.HistogramsDir ?? "", input.Links);
            sb.Append("</section>\n");
        }
        if (others.Count > 0)
        {
            sb.Append($"<section id=\"{ReportSection.Other}\"><h2>Other stages</h2>\n");
            foreach (var s in others) Results(sb, s);
            sb.Append("</section>\n");
        }
        Config(sb, input.Stages);
        Provenance(sb, input.Stages);
        return sb.Append("</body></html>\n").ToString();
    }

    private static void Headline(StringBuilder sb, IReadOnlyDictionary<string, StageReport> stages, int dashboards)
    {
        sb.Append("<header id=\"findings\"><h1>Refusal features: what this run found</h1>\n<div class=\"headline\"><div>");
        if (Findings.JailbreakFigure(stages) is { } fig)
            sb.Append($"<img id=\"headline-figure\" src=\"{Embedded.Png(fig.Png)}\" alt=\"§4.1 jailbreak per method and harmful set\" width=\"{Figure.DefaultWidth}\" height=\"{Figure.DefaultHeight}\">");
        else sb.Append("<p class=\"notes\">No §4.1 stage in this experiment.</p>");
        sb.Append("</div><div>");
        if (Findings.JailbreakTable(stages) is { } table)
        {
            var shown = WithoutEmptyColumns(table);
            FormattedTable(sb, shown, "compact", headline: true);
            if (shown.Header.Count < table.Header.Count)
                sb.Append($"<p class=\"notes\">Columns with no value (n/a everywhere) left out here: {E(string.Join(", ", table.Header.Except(shown.Header)))}.</p>\n");
        }
        sb.Append("</div></div>\n");
        if (stages.GetValueOrDefault("behaviour")?.Table("behaviour.csv") is { } behaviour)
        {
            sb.Append("<h3 class=\"small\">The toy organism's behaviour targets</h3>\n");
            FormattedTable(sb, behaviour, "compact", headline: true);
        }
        var findings = Findings.Of(stages, dashboards);
        if (findings.Count > 0)
            sb.Append("<ul class=\"findings\">").Append(string.Concat(findings.Select(f =>
                $"<li><a href=\"#{E(f.SectionId)}\">{E(f.Label)}</a>: {E(f.Text)}</li>"))).Append("</ul>\n");
        sb.Append("</header>\n");
    }

    private static void Results(StringBuilder sb, StageReport s)
    {
        sb.Append($"<h3 class=\"stage\">{E(s.Name)}</h3>\n");
        foreach (var t in s.Tables)
        {
            sb.Append($"<h4>{E(t.Title)}</h4>\n");
            FormattedTable(sb, t, null, headline: false);
            if (t.Notes.Count > 0) sb.Append("<ul class=\"notes\">").Append(string.Concat(t.Notes.Select(n => $"<li>{E(n)}</li>"))).Append("</ul>\n");
            sb.Append($"<p class=\"caption\">{E(s.Name)}/{E(t.Source)} · ").Append(Embedded.CsvLink(t.CsvPath, "CSV")).Append("</p>\n");
        }
        foreach (var f in s.Figures)
            sb.Append($"<figure><img src=\"{Embedded.Png(f.Png)}\" alt=\"{E(s.Name)}: {E(f.Title)}\"><figcaption class=\"caption\">{E(s.Name)}/{E(f.Title)}</figcaption></figure>\n");
        if (s.Logs.Count > 0)
            sb.Append("<p class=\"caption\">Raw logs: ").Append(string.Join(", ", s.Logs.Select(l => Embedded.CsvLink(l, Path.GetFileName(l))))).Append("</p>\n");
    }

    private static void FormattedTable(StringBuilder sb, ReportTable t, string? cssClass, bool headline)
    {
        sb.Append(Table(t.Header, t.Rows.Select(r => (IReadOnlyList<string>)r.Select((c, i) => Numbers.Cell(c, i < t.Header.Count ? t.Header[i] : "")).ToList()), cssClass));
        if (t.OmittedRows > 0) sb.Append($"<p class=\"notes\">… {t.OmittedRows} more rows in the CSV.</p>\n");
        if (headline) sb.Append($"<p class=\"caption\">{E(t.Title)}</p>\n");
    }

    /// <summary>The table without the columns that are n/a in every row (the ASR columns when no HarmBench judge ran), so the headline fits beside its figure.</summary>
    private static ReportTable WithoutEmptyColumns(ReportTable t)
    {
        var keep = Enumerable.Range(0, t.Header.Count).Where(i => i == 0 || t.Rows.Any(r => i < r.Count && r[i] is not ("n/a" or ""))).ToList();
        return t with { Header = keep.Select(i => t.Header[i]).ToList(), Rows = t.Rows.Select(r => (IReadOnlyList<string>)keep.Select(i => i < r.Count ? r[i] : "").ToList()).ToList() };
    }

    private static void Features(StringBuilder sb, ReportInput input)
    {
        if (input.Features.Count == 0) return;
        var dashboards = input.Dashboards.Select(d => d.Feature).ToHashSet();
        sb.Append("<h3 class=\"stage\">Selected features</h3>\n<p class=\"notes\">Each feature with a dashboard links to it")
          .Append(input.Links.Enabled ? "; the others to their Neuronpedia page (report.neuronpedia).</p>\n" : ".</p>\n");
        var rows = input.Features.Select(r => (IReadOnlyList<string>)
        [
            E(r.Set), E(r.Method), r.Features.Count.ToString(CultureInfo.InvariantCulture),
            string.Join(" ", r.Features.Select(f =>
                dashboards.Contains(f) ? $"<a href=\"#feature-{E(FeatureDashboard.Slug(f))}\">{E(f.ToString())}</a>"
                : input.Links.Url(f.Layer, f.Index) is { } url ? $"<a href=\"{Url(url)}\">{E(f.ToString())}</a>" : E(f.ToString()))),
        ]);
        sb.Append(RawTable(["set", "method", "features", "layer/index"], rows));
    }

    private static void Config(StringBuilder sb, IReadOnlyList<StageReport> stages)
    {
        var union = new JsonObject();
        foreach (var s in stages) if (s.Provenance is { } p) Merge(union, p.Config);
        sb.Append("<section id=\"config\"><h2>Configuration</h2>\n<p class=\"notes\">The union of the stages' config slices: every value these results depend on (defaults applied).</p>\n")
          .Append("<details><summary>show</summary><pre>").Append(E(union.ToJsonString(Pretty))).Append("</pre></details></section>\n");
    }

    private static void Provenance(StringBuilder sb, IReadOnlyList<StageReport> stages)
    {
        var keyByOutput = stages.Where(s => s.Provenance is not null).GroupBy(s => s.Provenance!.Manifest.OutputHash)
            .ToDictionary(g => g.Key, g => g.First().Provenance!.Key);
        sb.Append("<section id=\"provenance\"><h2>Provenance</h2>\n<p class=\"notes\">Per stage: the cache key of the result shown, when it was computed and how long it took, ")
          .Append("items computed/cached by that run, the upstream results (key) and datasets (sha256) it read, and its config slice.</p>\n");
        var rows = stages.Select(s => s.Provenance is not { } p
            ? (IReadOnlyList<string>)[E(s.Name), "no manifest", "", "", "", "", "", ""]
            : [
                E(s.Name), $"<code>{E(p.Key)}</code>", E(p.Manifest.Started.ToString("u", CultureInfo.InvariantCulture)),
                E(Numbers.Significant(p.Manifest.Seconds)), E($"{p.Manifest.ItemsComputed} / {p.Manifest.ItemsCached}"),
                string.Join("<br>", p.Upstream.Select(u => $"{E(u.Key)}: <code>{E(keyByOutput.GetValueOrDefault(u.Value, "output " + u.Value))}</code>")),
                string.Join("<br>", p.Datasets.Select(d => $"{E(d.Key)}: <code title=\"sha256 {E(d.Value)}\">{E(d.Value[..Math.Min(12, d.Value.Length)])}</code>")),
                $"<details><summary>version {E(p.Version?.ToString(CultureInfo.InvariantCulture))}, code {E(p.Code)}</summary><pre>{E(p.Config.ToJsonString(Pretty))}</pre></details>",
            ]);
        sb.Append(RawTable(["stage", "key", "computed (UTC)", "time (s)", "items computed / cached", "upstream", "datasets", "config slice"], rows)).Append("</section>\n");
    }

    private static void Merge(JsonObject into, JsonObject from)
    {
        foreach (var (k, v) in from)
        {
            if (v is JsonObject o && into[k] is JsonObject existing) Merge(existing, o);
            else if (!into.ContainsKey(k)) into[k] = v?.DeepClone();
        }
    }
}
