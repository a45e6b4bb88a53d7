namespace RefusalSae.Experiments.Paper;

/// <summary>
/// The paper's §4.1 HarmBench ASR (paper-method §6.4, read from benchmarking.ipynb), printed beside ours when the
/// experiment is a paper configuration. Keys: model → method → [HarmBench, JailbreakBench, AdvBench].
/// </summary>
public static class PaperNumbers
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, double[]>> Asr =
        new Dictionary<string, IReadOnlyDictionary<string, double[]>>
        {
            ["gemma-2-2b-it"] = new Dictionary<string, double[]>
            {
                ["Base"] = [0.00, 0.01, 0.00], ["CosSim"] = [0.10, 0.13, 0.04], ["ActDiff"] = [0.12, 0.26, 0.44],
                ["AP"] = [0.27, 0.26, 0.29], ["CosSim+AP (Ours)"] = [0.72, 0.57, 0.82], ["AS"] = [0.86, 0.83, 0.86],
            },
            ["llama-3.1-8b-instruct"] = new Dictionary<string, double[]>
            {
                ["Base"] = [0.12, 0.02, 0.04], ["CosSim"] = [0.87, 0.87, 0.82], ["ActDiff"] = [0.45, 0.67, 0.77],
                ["AP"] = [0.71, 0.63, 0.63], ["CosSim+AP (Ours)"] = [0.82, 0.83, 0.74], ["AS"] = [0.93, 0.91, 0.98],
            },
        };

    public static readonly string[] SetOrder = ["harmbench_test", "jailbreakbench", "advbench"];
}
