using System.Globalization;
using System.Text;
using RefusalSae.Experiments.Dashboards;
using RefusalSae.Experiments.Reporting;
using static RefusalSae.Experiments.Stages.Report.Html;

namespace RefusalSae.Experiments.Stages.Report;

/// <summary>
/// The feature dashboards as HTML: per feature its selections, attribution, firing rates, histogram (embedded PNG)
/// and top-activating contexts, each token shaded by the feature's activation (the strongest token outlined).
/// </summary>
public static class DashboardHtml
{
    public static string Anchor(FeatureDashboard d) => "feature-" + FeatureDashboard.Slug(d.Feature);

    public static void Render(StringBuilder sb, IReadOnlyList<FeatureDashboard> dashboards, string histogramsDir, NeuronpediaLinks links)
    {
        sb.Append("<p class=\"notes\">One dashboard per selected feature: every set's Ours (global) and the §4.2 common set. Contexts are the texts where the ")
          .Append("feature fires most, cut around its strongest token; a token's shade is its activation relative to the feature's largest shown activation ")
          .Append("(hover a token for the value). Histogram: each prompt's largest activation of the feature.</p>\n<p class=\"dash-index\">")
          .Append(string.Join(" ", dashboards.Select(d => $"<a href=\"#{E(Anchor(d))}\">{E(d.Feature.ToString())}</a>"))).Append("</p>\n");
        foreach (var d in dashboards) One(sb, d, histogramsDir, links);
    }

    private static void One(StringBuilder sb, FeatureDashboard d, string histogramsDir, NeuronpediaLinks links)
    {
        sb.Append($"<article class=\"dashboard\" id=\"{E(Anchor(d))}\"><h3>{E(d.Feature.ToString())}");
        if (links.Url(d.Feature.Layer, d.Feature.Index) is { } url) sb.Append($" <a class=\"np\" href=\"{Url(url)}\">Neuronpedia</a>");
        sb.Append("</h3>\n<div class=\"dash-grid\"><div>\n");
        sb.Append(Table(["selected by", "set"], d.SelectedBy.Select(s => (IReadOnlyList<string>)[s.Method, s.Set]), "compact"));
        sb.Append(d.Attribution.Count == 0
            ? "<p class=\"notes\">Not a cosine candidate of any §4.1 set: no LA-IG attribution.</p>\n"
            : Table(["§4.1 set", "LA-IG attribution (prompt mean)"], d.Attribution.Select(a => (IReadOnlyList<string>)[a.Set, Numbers.Significant(a.Score)]), "compact"));
        sb.Append($"<p class=\"notes\">Fires on {E(Numbers.PercentOf(d.HarmfulDensity))} of the harmful evaluation prompts and {E(Numbers.PercentOf(d.HarmlessDensity))} of the harmless ones.</p>\n");
        var png = Path.Combine(histogramsDir, FeatureDashboard.Slug(d.Feature) + ".png");
        if (File.Exists(png))
            sb.Append($"<img class=\"hist\" src=\"{Embedded.Png(png)}\" alt=\"activation histogram of {E(d.Feature.ToString())}\" width=\"{HistogramFigure.Width}\" height=\"{HistogramFigure.Height}\">\n");
        sb.Append("</div><div>\n");
        var scale = d.EvaluationContexts.Concat(d.CorpusContexts).Select(c => c.Max).DefaultIfEmpty(0).Max();
        Contexts(sb, "Top contexts: evaluation prompts", d.EvaluationContexts, scale);
        if (d.CorpusContexts.Count > 0) Contexts(sb, "Top contexts: training corpus", d.CorpusContexts, scale);
        sb.Append("</div></div></article>\n");
    }

    private static void Contexts(StringBuilder sb, string title, IReadOnlyList<ActivationContext> contexts, float scale)
    {
        sb.Append($"<h4>{E(title)}</h4>\n");
        if (contexts.Count == 0) { sb.Append("<p class=\"notes\">The feature fires on none of these texts.</p>\n"); return; }
        foreach (var c in contexts)
        {
            sb.Append($"<div class=\"ctx\"><span class=\"src\">{E(c.Source)} · max {E(Numbers.Significant(c.Max))}</span> ");
            for (var i = 0; i < c.Tokens.Count; i++)
            {
                var a = c.Activations[i];
                var alpha = scale > 0 ? Math.Clamp(a / scale, 0, 1) : 0;
                var cls = (a > 0 ? "tok hl" : "tok") + (i == c.Peak ? " peak" : "");
                var style = a > 0 ? $" style=\"background:rgba(230,85,13,{alpha.ToString("0.###", CultureInfo.InvariantCulture)})\"" : "";
                sb.Append($"<span class=\"{cls}\"{style} title=\"{E(Numbers.Significant(a))}\">{E(Visible(c.Tokens[i]))}</span>");
            }
            sb.Append("</div>\n");
        }
    }

    /// <summary>Makes line breaks and tabs visible inside a one-line context.</summary>
    private static string Visible(string token) => token.Replace("\n", "↵").Replace("\t", "⇥");
}
