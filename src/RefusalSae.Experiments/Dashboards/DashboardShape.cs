namespace RefusalSae.Experiments.Dashboards;

/// <summary>How many contexts, how wide and how many histogram bins a dashboard shows (report.dashboards).</summary>
public sealed record DashboardShape(int Contexts, int TokensBefore, int TokensAfter, int Bins);
