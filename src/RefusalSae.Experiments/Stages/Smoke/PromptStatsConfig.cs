namespace RefusalSae.Experiments.Stages.Smoke;

/// <summary>Bound from <c>smoke.prompts</c>; defaults in experiments/defaults.yaml.</summary>
public sealed record PromptStatsConfig
{
    public required string Dataset { get; init; }
    public required int Limit { get; init; }
    public required bool Lowercase { get; init; }
}

/// <summary>One prompt's statistics (one item of the per-item cache).</summary>
public sealed record PromptStats(string Prompt, int Characters, int Words);
