using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// The held-out prompts of the organism's behaviour targets (issue 4): the first 100 of harmbench_test,
/// jailbreakbench and advbench (the paper's N_test), and the first 200 of harmless_test (already a seed-42 shuffle
/// of Alpaca, so its head is a fair sample).
/// </summary>
public sealed record ToyHeldOutSets(
    IReadOnlyList<Prompt> HarmbenchTest,
    IReadOnlyList<Prompt> JailbreakBench,
    IReadOnlyList<Prompt> AdvBench,
    IReadOnlyList<Prompt> HarmlessTest)
{
    public const int HarmfulPerSet = 100;
    public const int Harmless = 200;

    public static ToyHeldOutSets Load(ToyCorpusInputs inputs, int harmfulPerSet = HarmfulPerSet, int harmless = Harmless) => new(
        RefusalDirectionJson.First(inputs.HarmbenchTest, harmfulPerSet),
        RefusalDirectionJson.First(inputs.JailbreakBench, harmfulPerSet),
        RefusalDirectionJson.First(inputs.AdvBench, harmfulPerSet),
        RefusalDirectionJson.First(inputs.HarmlessTest, harmless));

    /// <summary>The same sets from the catalog files alone (<paramref name="dataset"/>: catalog id → path), for a stage that reads only these.</summary>
    public static ToyHeldOutSets Load(Func<string, string> dataset, int harmfulPerSet, int harmless) => new(
        RefusalDirectionJson.First(dataset("harmbench_test"), harmfulPerSet),
        RefusalDirectionJson.First(dataset("jailbreakbench"), harmfulPerSet),
        RefusalDirectionJson.First(dataset("advbench"), harmfulPerSet),
        RefusalDirectionJson.First(dataset("harmless_test"), harmless));

    /// <summary>The sets by name, in report order.</summary>
    public IEnumerable<(string Name, IReadOnlyList<Prompt> Prompts, bool IsHarmful)> Named() =>
    [
        ("harmbench_test", HarmbenchTest, true),
        ("jailbreakbench", JailbreakBench, true),
        ("advbench", AdvBench, true),
        ("harmless_test", HarmlessTest, false),
    ];
}
