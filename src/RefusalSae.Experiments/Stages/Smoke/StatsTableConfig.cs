namespace RefusalSae.Experiments.Stages.Smoke;

/// <summary>Bound from <c>smoke.table</c>; defaults in experiments/defaults.yaml.</summary>
public sealed record StatsTableConfig
{
    public required string Title { get; init; }
    public required int Decimals { get; init; }
}
