using RefusalSae.Engine;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Stages.FeatureDashboards;

namespace RefusalSae.Experiments.Stages.Report;

/// <summary>
/// report: one self-contained HTML page per experiment (artifacts/&lt;experiment&gt;/report/index.html): findings
/// first, one section per paper section, the feature dashboards, the configuration and each stage's provenance.
/// Figures and CSVs are embedded, so the page travels alone and works offline.
/// </summary>
public sealed class ReportStage : IStage
{
    public const string Dashboards = "feature-dashboards";

    public string Name => "report";

    public void Run(StageContext ctx)
    {
        var s = ctx.Config<ReportSettings>("report");
        NeuronpediaLinks links;
        try { links = new NeuronpediaLinks(s.Neuronpedia); }
        catch (ArgumentException e) { throw new StageException("RSW370", e.Message); }
        var stages = s.Stages.Where(ctx.HasUpstream).ToList();
        var reports = stages.Where(n => n != Dashboards).Select(name => StageReport.Collect(name, ctx.Upstream(name))).ToList();
        var features = ctx.HasUpstream("paper-features") ? FeatureSetRow.ReadAll(ctx.Upstream("paper-features")) : [];
        var dashboardsDir = ctx.HasUpstream(Dashboards) ? ctx.Upstream(Dashboards) : null;
        var dashboards = dashboardsDir is null ? [] : FeatureDashboardsStage.Load(dashboardsDir);
        var input = new ReportInput(reports, features, dashboards, dashboardsDir is null ? null : Path.Combine(dashboardsDir, "histograms"), links);
        AtomicFile.WriteAllText(ctx.Output("index.html"), HtmlReport.Render(input));
        ctx.Log.WriteLine($"report: {reports.Sum(r => r.Tables.Count)} tables, {reports.Sum(r => r.Figures.Count)} figures, " +
                          $"{dashboards.Count} feature dashboards, {features.Sum(f => f.Features.Count)} feature references from {reports.Count} stages");
    }
}
