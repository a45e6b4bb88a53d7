namespace RefusalSae.Experiments.Paper;

/// <summary>Settings of LA-IG (paper-method §4.2).</summary>
public sealed record LaIgOptions
{
    /// <summary>Riemann steps: α = 0, 1/steps, …, (steps−1)/steps (the paper: 10, α = 1 excluded).</summary>
    public int Steps { get; init; } = 10;

    /// <summary>
    /// Spec §9 #12. false (the paper): the residual endpoint of the interpolation at layer l is the patched run's
    /// stream before that layer's ablation, while Δf uses the features of the ablated stream. true ("fixed"): the
    /// residual endpoint is the ablated stream, so both endpoints describe the same state.
    /// </summary>
    public bool AblatedResidualEndpoint { get; init; }

    /// <summary>
    /// Beyond the paper (spec §9 #13). false (the paper): every SAE layer is interpolated at once, so the gradient at
    /// layer l is scaled by (1−α) per interpolated layer downstream. true: one layer at a time, the others left clean,
    /// as integrated gradients per layer would be defined; costs L times the backward passes.
    /// </summary>
    public bool PerLayer { get; init; }
}
