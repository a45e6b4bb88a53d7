namespace RefusalSae.Experiments.Reporting;

/// <summary>One labelled line: x and y of equal length.</summary>
public sealed record LineSeries(string Label, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    public LineSeries Validate() =>
        X.Count == Y.Count ? this : throw new ArgumentException($"series '{Label}': {X.Count} x values but {Y.Count} y values.");
}
