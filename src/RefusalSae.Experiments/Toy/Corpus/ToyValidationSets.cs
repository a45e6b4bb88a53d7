using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// The validation prompts on which the organism's settings are chosen: all of harmful_val (HarmBench's validation
/// behaviours) and the first M of harmless_val. Like the test sets they are never trained on; unlike them, looking at
/// their rates while tuning the corpus or schedule does not spend the held-out targets.
/// </summary>
public sealed record ToyValidationSets(IReadOnlyList<Prompt> HarmfulVal, IReadOnlyList<Prompt> HarmlessVal)
{
    public static ToyValidationSets Load(ToyCorpusInputs inputs, int harmless) => new(
        RefusalDirectionJson.Load(inputs.HarmfulVal).ToList(),
        RefusalDirectionJson.First(inputs.HarmlessVal, harmless));

    /// <summary>The same sets from the catalog files alone (<paramref name="dataset"/>: catalog id → path).</summary>
    public static ToyValidationSets Load(Func<string, string> dataset, int harmless) => new(
        RefusalDirectionJson.Load(dataset("harmful_val")).ToList(),
        RefusalDirectionJson.First(dataset("harmless_val"), harmless));

    /// <summary>The sets by name, in report order.</summary>
    public IEnumerable<(string Name, IReadOnlyList<Prompt> Prompts, bool IsHarmful)> Named() =>
    [
        ("harmful_val", HarmfulVal, true),
        ("harmless_val", HarmlessVal, false),
    ];
}
