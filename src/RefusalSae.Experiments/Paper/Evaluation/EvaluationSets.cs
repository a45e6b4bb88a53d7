using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Paper.Evaluation;

/// <summary>
/// The paper's harmful evaluation sets (paper-method §6.4): the first N prompts of HarmBench test, JailbreakBench and
/// AdvBench, named by their catalog ids, in report order. paper-features reads their prompts; every later stage
/// takes the names from here and each set's prompts and features from paper-features' outputs, so it declares none of
/// these datasets.
/// </summary>
public static class EvaluationSets
{
    /// <summary>Catalog ids of the harmful evaluation sets, in report order.</summary>
    public static IReadOnlyList<string> HarmfulNames { get; } = ["harmbench_test", "jailbreakbench", "advbench"];

    /// <summary>The first <paramref name="perSet"/> prompts of each set (<paramref name="dataset"/>: catalog id → path).</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<Prompt> Prompts)> Harmful(Func<string, string> dataset, int perSet) =>
        HarmfulNames.Select(n => (n, RefusalDirectionJson.First(dataset(n), perSet))).ToList();
}
