using System.Text.Json;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>
/// The §4.1 jailbreak table (methods as rows, sets as columns) and grouped-bar figure. With <c>heldOut</c> (rates
/// on the half of each set that did not select the features, paper.features.selection_split) each set's in-sample
/// column gets its held-out column beside it, and held_out_metrics.json is written.
/// </summary>
public static class JailbreakReport
{
    public static void Write(string dir, IReadOnlyList<string> sets, IReadOnlyList<string> methods,
        IReadOnlyDictionary<(string Method, string Set), double> refusal, PaperJailbreakSettings s, int perSet,
        IReadOnlyDictionary<(string Method, string Set), double>? heldOut = null)
    {
        var paper = PaperNumbers.Asr.GetValueOrDefault(s.PaperModel);
        var columns = new List<string> { "method" };
        foreach (var set in sets)
        {
            columns.Add($"{set} refusal (%)");
            if (heldOut is not null) columns.Add($"{set} held-out refusal (%)");
            if (paper is not null) columns.Add($"{set} paper ASR (%)");
        }
        columns.Add("mean Δ refusal vs Base (points)");
        if (heldOut is not null) columns.Add("held-out mean Δ vs Base (points)");
        var rows = methods.Select(m =>
        {
            var row = new List<string> { m };
            foreach (var set in sets)
            {
                row.Add(Table.Percent(refusal[(m, set)]));
                if (heldOut is not null) row.Add(Table.Percent(heldOut[(m, set)]));
                if (paper is not null)
                {
                    var i = Array.IndexOf(PaperNumbers.SetOrder, set);
                    row.Add(paper.TryGetValue(m, out var v) && i >= 0 ? Table.Percent(v[i]) : "–");
                }
            }
            row.Add(Table.Cell(100 * sets.Average(set => refusal[(m, set)] - refusal[("Base", set)]), 1));
            if (heldOut is not null) row.Add(Table.Cell(100 * sets.Average(set => heldOut[(m, set)] - heldOut[("Base", set)]), 1));
            return (IReadOnlyList<string>)row;
        }).ToList();
        var table = new Table("§4.1 jailbreak: substring refusal rate per method and harmful set", columns, rows)
        {
            Notes =
            [
                $"First {perSet} prompts of each set, greedy, {s.MaxNewTokens} new tokens; refusal = the paper's substring judge (paper-method §6.1).",
                $"Clamp c = {s.Clamp} on each method's features at every layer and position (closed form, §5.1); AS = direction ablation at every layer.",
                $"AP local lists: {(s.ApMisindexed ? "the paper's mis-indexed lists (spec §9 #1)" : "each prompt's own list (§9 #1 fixed)")}.",
                "Random (control) = as many random features per layer as Ours' global set (not in the paper).",
                .. (heldOut is null ? Array.Empty<string>() : [
                    "Held-out (beyond the paper, paper.features.selection_split): the direction and every feature set chosen on the even-numbered prompts of each set, " +
                    "refusal measured on the odd-numbered ones; AP and Ours use their global sets there (an unseen prompt has no attribution of its own). In-sample columns: all prompts, features chosen on all of them (the paper's protocol)."]),
                paper is null ? "Not a paper configuration: the paper's numbers are not shown." : "Paper ASR = HarmBench classifier (§6.4); ours here is the substring refusal rate.",
            ],
        };
        TableWriter.Write(table, dir, "jailbreak");
        var values = methods.Select(m => sets.Select(set => 100 * refusal[(m, set)]).ToArray()).ToArray();
        GroupedBarFigure.Save(dir, "jailbreak", "Refusal rate under each intervention", "Refusal (%)", sets, methods, values);
        var metrics = methods.ToDictionary(m => m, m => sets.ToDictionary(set => set, set => refusal[(m, set)]));
        File.WriteAllText(Path.Combine(dir, "metrics.json"), JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
        if (heldOut is not null)
            File.WriteAllText(Path.Combine(dir, "held_out_metrics.json"), JsonSerializer.Serialize(
                methods.ToDictionary(m => m, m => sets.ToDictionary(set => set, set => heldOut[(m, set)])), new JsonSerializerOptions { WriteIndented = true }));
    }
}
