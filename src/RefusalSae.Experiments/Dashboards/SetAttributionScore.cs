namespace RefusalSae.Experiments.Dashboards;

/// <summary>The feature's LA-IG attribution (prompt mean, paper-method §4.3) as a cosine candidate of one evaluation set.</summary>
public sealed record SetAttributionScore(string Set, double Score);
