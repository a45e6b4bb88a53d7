namespace RefusalSae.Experiments.Dashboards;

/// <summary>
/// One text a feature is read on: its source ("harmful: advbench", "harmless", "training corpus") and its token ids
/// exactly as the model sees them (the chat template applied; a corpus example with its trained response).
/// </summary>
public sealed record DashboardText(string Source, int[] Ids)
{
    public const string Harmless = "harmless";
    public const string Corpus = "training corpus";

    public static string Harmful(string set) => $"harmful: {set}";

    /// <summary>An evaluation prompt (harmful or harmless), as opposed to a training-corpus conversation.</summary>
    public bool IsEvaluation => Source != Corpus;
}
