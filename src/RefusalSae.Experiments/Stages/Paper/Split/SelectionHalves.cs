namespace RefusalSae.Experiments.Stages.Paper.Split;

/// <summary>
/// The deterministic split of one evaluation set for paper.features.selection_split: even positions select the
/// features and the direction, odd positions are held out for the jailbreak. Interleaving (not first/second half)
/// keeps both halves alike when a set file is ordered by category, as HarmBench's is.
/// </summary>
public static class SelectionHalves
{
    public static IReadOnlyList<string> Selection(IReadOnlyList<string> prompts) => prompts.Where((_, i) => i % 2 == 0).ToList();

    public static IReadOnlyList<string> HeldOut(IReadOnlyList<string> prompts) => prompts.Where((_, i) => i % 2 == 1).ToList();
}
