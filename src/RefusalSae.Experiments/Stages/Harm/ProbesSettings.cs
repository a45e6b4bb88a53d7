namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>The <c>paper.probes</c> block (OOD linear probing, paper-method §7.4).</summary>
public sealed record PaperProbesSettings
{
    /// <summary>
    /// Empty: vanilla prompts from the refusal_direction splits, adversarial ones from wildjailbreak_eval (documented
    /// fallback). [wildjailbreak_train]: the paper's selection from the gated WildJailbreak train file.
    /// </summary>
    public required IReadOnlyList<string> TrainFile { get; init; }
    /// <summary>The refusal features: paper-categories' F*_cat held by ≥ k categories; 0 = all (the paper's common set).</summary>
    public required int RefusalFeaturesMinCategories { get; init; }
    public required int TrainPerClass { get; init; }
    public required int ValPerClass { get; init; }
    public required int TestVanilla { get; init; }
    /// <summary>Shortest adversarial_harmful prompts generated on; the ones that jailbreak form the adversarial test group.</summary>
    public required int AdversarialScan { get; init; }
    public required int TestAdversarial { get; init; }
    /// <summary>Adversarial prompts longer than this (chat-encoded tokens) are left out.</summary>
    public required int MaxPromptTokens { get; init; }
    /// <summary>Train file only: vanilla rows are drawn at random (seeded) from those after the first N (the notebook: v[20000:]).</summary>
    public required int VanillaOffset { get; init; }
    /// <summary>Train file only: adversarial rows sorted by word count, the shortest N dropped (the notebook: [500:20000]).</summary>
    public required int AdversarialSkip { get; init; }
    /// <summary>Train file only: end of that word-count window (the notebook: 20000).</summary>
    public required int AdversarialWindowEnd { get; init; }
    /// <summary>Spec §9 #20: true = the paper (the best-val layer's probe tested on the last layer's activations), false = on its own layer's.</summary>
    public required bool DenseTestOnLastLayer { get; init; }
    public required int Steps { get; init; }
    public required double LearningRate { get; init; }
    public required int Seed { get; init; }
    public required string Judge { get; init; }
    public required int MaxNewTokens { get; init; }
    public required int BatchSize { get; init; }
}
