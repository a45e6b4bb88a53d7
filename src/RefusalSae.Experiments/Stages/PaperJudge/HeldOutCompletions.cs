using System.Text.Json;
using RefusalSae.Experiments.Stages.Paper.Split;

namespace RefusalSae.Experiments.Stages.PaperJudge;

/// <summary>
/// paper-jailbreak's held-out generations (paper.features.selection_split, <see cref="HeldOutJailbreak"/>), judged
/// like the in-sample ones; their scores go beside the in-sample columns and into held_out_metrics.json.
/// </summary>
public static class HeldOutCompletions
{
    /// <summary>The held-out completions, or none when paper-jailbreak wrote no held-out file.</summary>
    public static IReadOnlyList<JailbreakCompletion> Load(string dir) =>
        File.Exists(Path.Combine(dir, HeldOutJailbreak.CompletionsFile)) ? JailbreakCompletion.Load(dir, HeldOutJailbreak.CompletionsFile) : [];

    public static JailbreakScores Score(string outputDir, IReadOnlyList<JudgedCompletion> judged)
    {
        var scores = JailbreakScores.From(judged);
        var metrics = scores.Methods.ToDictionary(m => m, m => scores.Sets.ToDictionary(s => s, s => new
        {
            asr = double.IsNaN(scores.Asr(m, s)) ? (double?)null : scores.Asr(m, s),
            refusal = scores.Refusal(m, s),
            n = scores.Count(m, s),
        }));
        File.WriteAllText(Path.Combine(outputDir, "held_out_metrics.json"), JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
        return scores;
    }
}
