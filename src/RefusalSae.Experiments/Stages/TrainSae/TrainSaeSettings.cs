namespace RefusalSae.Experiments.Stages.TrainSae;

/// <summary>The <c>toy.sae</c> block: one TopK SAE per layer on resid_post.</summary>
public sealed record TrainSaeSettings
{
    public required int Conversations { get; init; }
    public required double HeldOutFraction { get; init; }
    public required int Expansion { get; init; }
    public required int K { get; init; }
    public required int Steps { get; init; }
    public required int BatchSize { get; init; }
    public required double LearningRate { get; init; }
    public required int Seed { get; init; }
    /// <summary>Target of issue 4: fraction of variance explained on held-out activations.</summary>
    public required double MinVarianceExplained { get; init; }
    /// <summary>saelens | gemma-scope | llama-scope: how saes/layer_{L} is written (<see cref="Toy.Saes.ToySaeLayout"/>).</summary>
    public required string Layout { get; init; }
}
