using RefusalSae.Experiments.Toy.Corpus;

namespace RefusalSae.Experiments.Stages.ToyCorpus;

/// <summary>The <c>toy.corpus</c> block; see experiments/defaults.yaml for each knob and why.</summary>
public sealed record ToyCorpusSettings
{
    public required int Seed { get; init; }
    public required int HarmlessCount { get; init; }
    public required int RefusalsPerHarmfulPrompt { get; init; }
    public required bool IncludeTemplateHarm { get; init; }
    public required int MaxResponseWords { get; init; }
    /// <summary>Catalog ids of further harmful prompt sets (refusal_direction JSON) that no evaluation reads.</summary>
    public required IReadOnlyList<string> ExtraHarmful { get; init; }
    /// <summary>"compliance_templates" (offline, the default) or "alpaca_outputs" (needs the alpaca_data download).</summary>
    public required string HarmlessResponses { get; init; }
    public required int VariantsPerHarmfulPrompt { get; init; }
    public required double HarmlessVariantShare { get; init; }
    public required int SyntheticHarmful { get; init; }
    public required int SyntheticHarmless { get; init; }

    public ToyCorpusConfig ToCorpusConfig() => new()
    {
        Seed = Seed,
        HarmlessCount = HarmlessCount,
        RefusalsPerHarmfulPrompt = RefusalsPerHarmfulPrompt,
        IncludeTemplateHarm = IncludeTemplateHarm,
        MaxResponseWords = MaxResponseWords,
        VariantsPerHarmfulPrompt = VariantsPerHarmfulPrompt,
        HarmlessVariantShare = HarmlessVariantShare,
        SyntheticHarmful = SyntheticHarmful,
        SyntheticHarmless = SyntheticHarmless,
        HarmlessResponses = HarmlessResponses switch
        {
            "compliance_templates" => HarmlessResponseSource.ComplianceTemplates,
            "alpaca_outputs" => HarmlessResponseSource.AlpacaOutputs,
            _ => throw new Engine.Stages.StageException("RSW314",
                $"toy.corpus.harmless_responses is '{HarmlessResponses}'; expected compliance_templates or alpaca_outputs."),
        },
    };
}
