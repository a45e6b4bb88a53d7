namespace RefusalSae.Experiments.Data;

/// <summary>One row of advsuffixes.csv: an AdvBench goal and its candidate natural-language suffixes, in file order.</summary>
public sealed record AdvSuffixGoal(string Id, long Line, string Goal, IReadOnlyList<string> Suffixes);
