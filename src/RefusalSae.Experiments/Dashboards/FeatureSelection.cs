namespace RefusalSae.Experiments.Dashboards;

/// <summary>One reason a feature is shown: the method ("CosSim+AP (Ours)", "§4.2 common") and the set it was selected for.</summary>
public sealed record FeatureSelection(string Method, string Set);

/// <summary>The feature's LA-IG attribution (prompt mean, paper-method §4.3) as a cosine candidate of one evaluation set.</summary>
public sealed record SetAttributionScore(string Set, double Score);
