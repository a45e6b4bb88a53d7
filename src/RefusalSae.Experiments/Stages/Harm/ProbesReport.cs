using System.Text.Json;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>The §7.4 probe table (Markdown + CSV) and metrics.json.</summary>
public static class ProbesReport
{
    public static void Write(string dir, IReadOnlyList<ProbeOutcome> outcomes, IReadOnlyList<ProbeOutcome> dense, PaperProbesSettings s,
        IReadOnlyList<FeatureRef> refusal, int scanned, string judge)
    {
        IReadOnlyList<string> Row(ProbeOutcome o) =>
            [o.Name, Table.Cell(o.Overall, 3), Table.Cell(o.Adversarial, 3), Table.Cell(o.Vanilla, 3), Table.Cell(o.BestVal, 3), o.BestStep.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        var rule = s.RefusalFeaturesMinCategories <= 0 ? "the intersection of the CATQA category sets (the paper's)" : $"features in ≥ {s.RefusalFeaturesMinCategories} CATQA category sets (ours)";
        var table = new Table("OOD probing: accuracy of linear probes trained on vanilla prompts, tested on vanilla and adversarial ones",
            ["probe", "test", "adversarial (label 0)", "vanilla (label 1)", "best val", "best step"], outcomes.Select(Row).ToList())
        {
            Notes =
            [
                $"Refusal features = {rule}: {refusal.Count} {string.Join(" ", refusal)}; random = as many (layer, feature) pairs drawn uniformly (seed {s.Seed}).",
                s.TrainFile.Count == 1
                    ? $"Data: {s.TrainFile[0]} as the paper: vanilla_harmful / vanilla_benign [0, {s.TrainPerClass}) train, next {s.ValPerClass} val, next {s.TestVanilla} vanilla_harmful test (1)."
                    : $"Deviation (WildJailbreak train is gated and absent): train = harmful_train[:{s.TrainPerClass}] (1) + harmless_train[:{s.TrainPerClass}] (0); " +
                      $"val = harmful_val[:{s.ValPerClass}] + harmless_val[:{s.ValPerClass}]; test vanilla = harmful_test[:{s.TestVanilla}] (1).",
                $"Test adversarial (0) = the {scanned} shortest adversarial_harmful prompts of {(s.TrainFile.Count == 1 ? s.TrainFile[0] : "wildjailbreak_eval")} (≤ {s.MaxPromptTokens} tokens) that jailbreak the model " +
                $"(greedy, {s.MaxNewTokens} tokens, judge: {judge}; the paper keeps HarmBench-yes), at most {s.TestAdversarial}.",
                $"Logistic regression in fp32 (the paper: bf16), AdamW lr {s.LearningRate}, {s.Steps} full-batch steps, parameters of the best validation step kept.",
                s.DenseTestOnLastLayer ? "Dense row: the best-validation layer's probe is tested on the last layer's activations, as the paper's code does (spec §9 #20)."
                    : "Dense row: the probe of the best validation layer is tested (spec §9 #20 fixed).",
                "Labels as the paper: 1 = vanilla harmful (should refuse), 0 = adversarial prompt that jailbreaks the model.",
            ],
        };
        TableWriter.Write(table.Validate(), dir, "probes");
        var layers = new Table("OOD probing: dense resid_post probe per layer", ["probe", "test", "adversarial (label 0)", "vanilla (label 1)", "best val", "best step"],
            dense.Select(Row).ToList());
        TableWriter.Write(layers.Validate(), dir, "probes_dense_layers");
        File.WriteAllText(Path.Combine(dir, "metrics.json"), JsonSerializer.Serialize(
            outcomes.Concat(dense).ToDictionary(o => o.Name, o => new { test = J(o.Overall), adversarial = J(o.Adversarial), vanilla = J(o.Vanilla), best_val = J(o.BestVal), best_step = o.BestStep }),
            new JsonSerializerOptions { WriteIndented = true }));
    }

    private static double? J(double v) => double.IsNaN(v) ? null : v;
}
