namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>The <c>paper.wildjailbreak</c> block (§4.3a, paper-method §7.2 adapted); the selection reads <c>paper.features</c>.</summary>
public sealed record PaperWildJailbreakSettings
{
    /// <summary>Shortest adversarial_harmful prompts of the eval file used (paper: the 1000 shortest English ones).</summary>
    public required int Prompts { get; init; }
    /// <summary>Adversarial prompts longer than this (chat-encoded tokens) are left out.</summary>
    public required int MaxPromptTokens { get; init; }
    /// <summary>At most N pairs in each of the jailbroken and failed sets (paper: 200).</summary>
    public required int MaxPairsPerSet { get; init; }
    /// <summary>Refusal features = paper-categories' F*_cat held by ≥ k categories; 0 = all (the paper's common set).</summary>
    public required int RefusalFeaturesMinCategories { get; init; }
    /// <summary>
    /// A JSON Lines file of {"adversarial", "paraphrase"} pairs (the paper's GPT-4o rewrites); empty = the documented
    /// adaptation, each adversarial prompt paired with the nearest vanilla harmful prompt.
    /// </summary>
    public required string PairsFile { get; init; }
    /// <summary>The paper's English filter as a flags file (<see cref="Data.EnglishFlags"/>); empty = no filter.</summary>
    public required string EnglishFlags { get; init; }
    public required string Judge { get; init; }
    public required int MaxNewTokens { get; init; }
    public required int BatchSize { get; init; }
}
