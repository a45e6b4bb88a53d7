namespace RefusalSae.Experiments.Stages.Behaviour;

/// <summary>The <c>toy.behaviour</c> block: how the organism's refusal targets are measured (issue 4).</summary>
public sealed record BehaviourSettings
{
    public required int HarmfulPerSet { get; init; }
    public required int Harmless { get; init; }
    public required int MaxNewTokens { get; init; }
    public required int BatchSize { get; init; }
    /// <summary>Target: at least this refusal rate on each held-out harmful set.</summary>
    public required double MinHarmfulRefusal { get; init; }
    /// <summary>Target: at most this refusal rate on the held-out harmless prompts.</summary>
    public required double MaxHarmlessRefusal { get; init; }
}

/// <summary>One judged greedy completion, cached per prompt.</summary>
public sealed record JudgedCompletion(string Prompt, string Response);
