namespace RefusalSae.Core.Saes.Training;

/// <summary>
/// Hyper-parameters of <see cref="TopKSaeTrainer"/>. Defaults follow Gao et al. 2024 ("Scaling and evaluating sparse
/// autoencoders"): Adam, unit-norm decoder rows, tied initialisation, AuxK loss with coefficient 1/32 on latents dead for
/// <see cref="DeadAfterTokens"/> tokens.
/// </summary>
public sealed record TopKTrainingOptions
{
    /// <summary>Number of latents S (e.g. 4 × d_model).</summary>
    public required int DSae { get; init; }

    /// <summary>Active latents per token; the L0 of the trained SAE is at most this.</summary>
    public required int K { get; init; }

    /// <summary>Hook point written into cfg.json, e.g. blocks.2.hook_resid_post.</summary>
    public required string HookName { get; init; }

    public int Steps { get; init; } = 2000;
    public int BatchSize { get; init; } = 256;
    /// <summary>Adam step size on activations scaled to centred norm sqrt(D); 5e-3 beat 2e-3 and 1e-2 on the synthetic test.</summary>
    public double LearningRate { get; init; } = 5e-3;

    /// <summary>The learning rate decays linearly to 0 over this final fraction of the steps.</summary>
    public double DecayFraction { get; init; } = 0.2;

    public int Seed { get; init; }

    /// <summary>AuxK: reconstruct the residual error from the top AuxK dead latents (0 disables it).</summary>
    public double AuxKCoefficient { get; init; } = 1.0 / 32;

    /// <summary>A latent is dead after this many training tokens without firing.</summary>
    public long DeadAfterTokens { get; init; } = 50_000;

    /// <summary>Report progress every this many steps (and at the last step).</summary>
    public int ProgressEvery { get; init; } = 100;
}
