using System.Globalization;
using System.Text.Json;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>The §4.3a table (Markdown + CSV) and metrics.json.</summary>
public static class WildJailbreakReport
{
    private static readonly Dictionary<string, (string Harm, string Refusal, string Presence, string Pairs)> Paper = new()
    {
        ["jailbroken"] = ("0.49", "0.73", "0.56", "175"), ["failed"] = ("0.30", "0.18", "0.69", "189"),
    };

    public static void Write(string dir, IReadOnlyList<WildJailbreakResult> results, PaperWildJailbreakSettings s, IReadOnlyList<FeatureRef> refusal, int pairs, string judge,
        bool adapted)
    {
        var rows = results.Select(r => (IReadOnlyList<string>)
        [
            r.Set, r.Pairs.ToString(CultureInfo.InvariantCulture), Table.Cell(r.Similarity, 2), Table.Cell(r.HarmDecrease, 2), Table.Cell(r.RefusalDecrease, 2),
            Table.Cell(r.Presence, 2), string.Join("; ", r.Frequent),
            $"{Paper[r.Set].Pairs} / {Paper[r.Set].Harm} / {Paper[r.Set].Refusal} / {Paper[r.Set].Presence}",
        ]).ToList();
        var table = new Table(adapted
                ? "§4.3a WildJailbreak, ADAPTED (nearest-vanilla pairs, not the paper's paraphrases): decrease of harm and refusal features from the vanilla counterpart to the adversarial prompt"
                : "§4.3a WildJailbreak: decrease of harm and refusal features from the paraphrase to the adversarial prompt",
            ["set", "pairs", "mean pair similarity", "harm decrease", "refusal decrease", "refusal presence", "most present refusal features", "paper (Gemma): pairs / harm / refusal / presence"], rows)
        {
            Notes =
            [
                adapted
                    ? $"Adaptation: the paper pairs each adversarial prompt with a GPT-4o paraphrase that states the same request plainly; that can't be regenerated offline and the eval file has no vanilla column. Here each of the {pairs} shortest adversarial_harmful prompts (≤ {s.MaxPromptTokens} tokens{(s.EnglishFlags.Length > 0 ? ", English by the paper's langdetect flags" : ", no English filter")}) is paired with the nearest harmful_test/harmful_val prompt (TF-IDF cosine over words; mean similarity in the table), so the two sides need not ask for the same thing. Supply the paper's pairs with paper.wildjailbreak.pairs_file."
                    : $"Pairs: {pairs} (adversarial, paraphrase) pairs from {Path.GetFileName(s.PairsFile)}, used as the paper did (similarity reads 1 by construction).",
                $"jailbroken = the adversarial prompt is not refused and its counterpart is; failed = both refused (greedy, {s.MaxNewTokens} tokens, judge: {judge}; the paper: HarmBench on the adversarial side). At most {s.MaxPairsPerSet} pairs each.",
                $"Local sets F*_b from LA-IG on the vanilla side (the direction of each set against filtered harmless prompts). Refusal features: {refusal.Count} {string.Join(" ", refusal)}.",
                "harm decrease = mean over harm features (F*_b minus refusal features) of (v − a)/v, feature means over all positions (BOS included, §9 #15); refusal decrease = same over F*_b's refusal features, means of the last 5 positions; entries with v = 0 are skipped; presence = |F*_b ∩ refusal| / |refusal|.",
            ],
        };
        TableWriter.Write(table.Validate(), dir, "wildjailbreak");
        File.WriteAllText(Path.Combine(dir, "metrics.json"), JsonSerializer.Serialize(results.ToDictionary(r => r.Set, r => r), new JsonSerializerOptions(SuffixesReport.Json) { WriteIndented = true }));
    }
}
