namespace RefusalSae.Experiments.Stages.Report;

/// <summary>
/// One section of the report, per paper section rather than per stage: its anchor, title and the stages whose
/// tables and figures it shows, in reading order. Stages no section names land in "Other stages".
/// </summary>
public sealed record ReportSection(string Id, string Title, IReadOnlyList<string> Stages)
{
    public const string Jailbreak = "s4-1", Categories = "s4-2", Adversarial = "s4-3", Probes = "probes", SideEffects = "side-effects",
        Dashboards = "dashboards", Organism = "organism", Other = "other";

    public static readonly IReadOnlyList<ReportSection> All =
    [
        new(Jailbreak, "§4.1 Refusal features jailbreak the model", ["paper-judge", "paper-jailbreak", "paper-features", "paper-filter"]),
        new(Categories, "§4.2 Harm categories: common and specific features", ["paper-categories"]),
        new(Adversarial, "§4.3 Adversarial prompts: suffixes and WildJailbreak", ["paper-suffixes", "paper-wildjailbreak"]),
        new(Probes, "Out-of-distribution probing with refusal features", ["paper-probes"]),
        new(SideEffects, "Side effects: refusal induction, CE, GSM8K, ARC", ["paper-side-effects", "paper-induction", "paper-ce", "paper-gsm8k", "paper-arc", "paper-rollouts"]),
        new(Organism, "The model under study: the toy organism and its SAEs", ["behaviour", "train-model", "train-sae", "toy-corpus", "toy-tokenizer"]),
    ];

    /// <summary>Stages that the report renders in a form of their own, never as generic tables.</summary>
    public static readonly IReadOnlySet<string> Special = new HashSet<string>(StringComparer.Ordinal) { "feature-dashboards" };
}
