using System.Text.Json;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Stages.PaperJudge;

/// <summary>
/// The final §4.1 outputs (paper-method §6.4, §6.8): jailbreak.{md,csv} with methods as rows and, per harmful set,
/// our HarmBench ASR, our substring refusal and (for a paper configuration) the paper's ASR; jailbreak.{png,svg}, the
/// paper's grouped bars (x = dataset, one bar per method, y = ASR "Jailbreak"), or the substring refusal rate when no
/// HarmBench judge is configured; metrics.json.
/// </summary>
public static class JailbreakTable
{
    public const string Name = "jailbreak";

    /// <param name="judge">The judge's identity, or null when <c>paper.judge.backend</c> is none.</param>
    /// <param name="heldOut">Scores on the held-out halves (paper.features.selection_split), shown beside each set; else null.</param>
    public static void Write(string dir, JailbreakScores scores, string? judge, string paperModel, JailbreakScores? heldOut = null)
    {
        var paper = PaperNumbers.Asr.GetValueOrDefault(paperModel);
        TableWriter.Write(Build(scores, judge, paperModel, heldOut), dir, Name);
        var values = scores.Methods.Select(m => scores.Sets.Select(s => 100 * (judge is null ? scores.Refusal(m, s) : scores.Asr(m, s))).ToArray()).ToArray();
        var labels = scores.Sets.Select(JailbreakScores.Label).ToList();
        if (judge is null)
            GroupedBarFigure.Save(dir, Name, "Substring refusal rate per method (no HarmBench judge configured)",
                "Refusal (%, substring judge)", labels, scores.Methods, values);
        else
            GroupedBarFigure.Save(dir, Name, "Jailbreak: HarmBench ASR per method", "Jailbreak (HarmBench ASR, %)", labels, scores.Methods, values);
        var metrics = scores.Methods.ToDictionary(m => m, m => scores.Sets.ToDictionary(s => s, s => new
        {
            asr = double.IsNaN(scores.Asr(m, s)) ? (double?)null : scores.Asr(m, s),
            refusal = scores.Refusal(m, s),
            n = scores.Count(m, s),
            paper_asr = paper?.GetValueOrDefault(m) is { } v && Array.IndexOf(PaperNumbers.SetOrder, s) is >= 0 and var i ? v[i] : (double?)null,
        }));
        File.WriteAllText(Path.Combine(dir, "metrics.json"), JsonSerializer.Serialize(new { judge, metrics }, new JsonSerializerOptions { WriteIndented = true }));
    }

    public static Table Build(JailbreakScores scores, string? judge, string paperModel, JailbreakScores? heldOut = null)
    {
        var paper = PaperNumbers.Asr.GetValueOrDefault(paperModel);
        var columns = new List<string> { "method" };
        foreach (var set in scores.Sets)
        {
            columns.Add($"{set} ASR (%)");
            columns.Add($"{set} refusal (%)");
            if (heldOut is not null) { columns.Add($"{set} held-out ASR (%)"); columns.Add($"{set} held-out refusal (%)"); }
            if (paper is not null) columns.Add($"{set} paper ASR (%)");
        }
        var rows = scores.Methods.Select(m =>
        {
            var row = new List<string> { m };
            foreach (var set in scores.Sets)
            {
                row.Add(Table.Percent(scores.Asr(m, set)));
                row.Add(Table.Percent(scores.Refusal(m, set)));
                if (heldOut is not null)
                {
                    var known = heldOut.Methods.Contains(m) && heldOut.Sets.Contains(set);
                    row.Add(known ? Table.Percent(heldOut.Asr(m, set)) : "–");
                    row.Add(known ? Table.Percent(heldOut.Refusal(m, set)) : "–");
                }
                if (paper is not null)
                {
                    var i = Array.IndexOf(PaperNumbers.SetOrder, set);
                    row.Add(paper.TryGetValue(m, out var v) && i >= 0 ? Table.Percent(v[i]) : "–");
                }
            }
            return (IReadOnlyList<string>)row;
        }).ToList();
        var n = scores.Methods.SelectMany(m => scores.Sets.Select(s => scores.Count(m, s))).DefaultIfEmpty(0).Max();
        var notes = new List<string>
        {
            judge is null
                ? "No HarmBench judge was configured (paper.judge.backend: none), so every ASR cell is n/a; set backend to local or openai for the paper's metric."
                : $"ASR = share of responses the HarmBench classifier answers \"yes\" (paper-method §6.2); judge: {judge}.",
            $"Refusal = the paper's substring judge (§6.1) on the same responses; up to {n} prompts per set (generations: paper-jailbreak).",
            "Random (control) = as many random features per layer as Ours' global set (not in the paper).",
            paper is null
                ? "Not a paper configuration (paper.jailbreak.paper_model): the paper's numbers are not shown."
                : $"Paper ASR: {paperModel}, benchmarking.ipynb (paper-method §6.4)." +
                  (paperModel == "gemma-2-2b-it" ? " The paper's Gemma substring refusal: Base 100 / 97 / 100 %, AS 1 / 0 / 0 %." : ""),
        };
        if (heldOut is not null)
            notes.Insert(3, "Held-out (beyond the paper, paper.features.selection_split): direction and feature sets chosen on the even-numbered prompts of each set, " +
                            "scored on the odd-numbered ones (AP and Ours with their global sets); the other columns follow the paper (chosen and scored on all prompts).");
        return new Table("§4.1 jailbreak: HarmBench ASR and substring refusal per method and harmful set", columns, rows) { Notes = notes };
    }
}
