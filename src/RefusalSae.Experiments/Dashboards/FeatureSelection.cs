namespace RefusalSae.Experiments.Dashboards;

/// <summary>One reason a feature is shown: the method ("CosSim+AP (Ours)", "§4.2 common") and the set it was selected for.</summary>
public sealed record FeatureSelection(string Method, string Set);
