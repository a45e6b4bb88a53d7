namespace RefusalSae.Experiments.Toy.Training;

/// <summary>Optimisation settings of the toy organism (bound from the experiment's <c>toy.train</c> block).</summary>
public sealed record LmTrainerOptions
{
    public required int Seed { get; init; }
    public required int Steps { get; init; }
    public required int BatchSize { get; init; }
    /// <summary>Sequences are cut to this many tokens (the response is truncated, never the prompt's template).</summary>
    public required int MaxLength { get; init; }
    public required double LearningRate { get; init; }
    /// <summary>The cosine schedule decays to LearningRate × MinLearningRateRatio.</summary>
    public double MinLearningRateRatio { get; init; } = 0.1;
    public int WarmupSteps { get; init; } = 50;
    public double WeightDecay { get; init; } = 0.05;
    public double GradClip { get; init; } = 1.0;
    /// <summary>
    /// Loss weight of the first response token relative to the others (1 = plain mean over response tokens). That
    /// token decides refusal ("I ...") versus compliance, while the rest of a response is mostly template text.
    /// </summary>
    public double FirstTokenWeight { get; init; } = 1.0;
    /// <summary>
    /// The first this many steps draw only examples that comply; refusals join afterwards (0 = mixed from the start).
    /// A chat model learns to follow instructions before safety tuning teaches it to refuse, so compliance is its
    /// default and refusal the behaviour that harmful input triggers, the asymmetry the paper's interventions assume.
    /// </summary>
    public int ComplianceSteps { get; init; }
    /// <summary>A resumable checkpoint every this many steps (0 = never).</summary>
    public int CheckpointEvery { get; init; } = 100;

    /// <summary>Throws <see cref="ArgumentException"/> naming the <c>toy.train</c> key when the settings can't train a refusing model.</summary>
    public LmTrainerOptions Validate()
    {
        if (ComplianceSteps < 0 || ComplianceSteps >= Steps)
            throw new ArgumentException(
                $"toy.train.compliance_steps is {ComplianceSteps}, but toy.train.steps is {Steps}: expected 0 ≤ compliance_steps < steps " +
                "(0 = no compliance phase); otherwise the model never sees a refusal.");
        return this;
    }

    /// <summary>Linear warm-up then cosine decay (nanoGPT's get_lr); a pure function of the step.</summary>
    public double LearningRateAt(int step)
    {
        if (step < WarmupSteps) return LearningRate * (step + 1) / WarmupSteps;
        var progress = Math.Min(1.0, (double)(step - WarmupSteps) / Math.Max(1, Steps - WarmupSteps));
        var min = LearningRate * MinLearningRateRatio;
        return min + 0.5 * (1 + Math.Cos(Math.PI * progress)) * (LearningRate - min);
    }
}
