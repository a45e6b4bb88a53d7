using System.Globalization;
using RefusalSae.Engine.Building;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests;

/// <summary>
/// The default experiment's stages (corpus → tokenizer → train-model → behaviour, train-sae) at test size
/// (experiments/toy-ci.yaml), through a real `dotnet build`: every stage runs, writes its tables and figures, and a
/// second build computes nothing.
/// </summary>
public class ToyExperimentTests
{
    [Fact]
    public void The_toy_pipeline_at_test_size_builds_end_to_end_and_then_is_fully_cached()
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_train.json"));
        var artifacts = Directory.CreateTempSubdirectory("rsw-toy-").FullName;
        try
        {
            var props = new[] { "-p:Experiment=toy-ci", $"-p:ArtifactsRoot={artifacts}/" };
            var first = DotnetBuild.Experiments(props);
            Assert.True(first.ExitCode == 0, first.Output);
            var lastRun = Path.Combine(artifacts, "toy-ci", "last-run.json");
            var stages = LastRun.Read(lastRun).Stages.ToDictionary(s => s.Name);
            foreach (var name in new[] { "toy-corpus", "toy-tokenizer", "train-model", "behaviour", "train-sae", "paper-filter", "paper-features", "paper-jailbreak",
                                       "paper-judge", "paper-induction", "paper-rollouts", "paper-ce", "paper-gsm8k", "paper-arc", "paper-side-effects", "report",
                                       "paper-categories", "paper-probes", "paper-suffixes", "paper-wildjailbreak", "feature-dashboards" })
                Assert.Equal("ran", stages[name].Status);
            Assert.Contains("progress: train-model 30/30 steps", first.Output);

            var exp = Path.Combine(artifacts, "toy-ci");
            Assert.True(File.Exists(Path.Combine(exp, "train-model", "model", "config.json")));
            Assert.True(File.Exists(Path.Combine(exp, "train-model", "training_curve.png")));
            var behaviour = File.ReadAllText(Path.Combine(exp, "behaviour", "behaviour.md"));
            foreach (var set in new[] { "harmbench_test", "jailbreakbench", "advbench", "harmless_test" }) Assert.Contains(set, behaviour);
            var saeRows = File.ReadAllLines(Path.Combine(exp, "train-sae", "sae_metrics.csv")).Skip(1).ToList();
            Assert.Equal(2, saeRows.Count);
            foreach (var row in saeRows)
            {
                var fve = double.Parse(row.Split(',')[3], CultureInfo.InvariantCulture);
                Assert.InRange(fve, 0.0, 1.0);   // better than predicting the mean, never above perfect
            }
            Assert.True(File.Exists(Path.Combine(exp, "train-sae", "saes", "layer_1", "cfg.json")));
            var jailbreak = File.ReadAllText(Path.Combine(exp, "paper-jailbreak", "jailbreak.md"));
            foreach (var method in new[] { "Base", "CosSim", "ActDiff", "AP", "Ours", "AS", "Random" }) Assert.Contains(method, jailbreak);
            Assert.True(File.Exists(Path.Combine(exp, "paper-jailbreak", "jailbreak.png")));
            CheckJudgeAndReport(exp);
            var induction = File.ReadAllLines(Path.Combine(exp, "paper-induction", "induction.csv"));
            Assert.Equal(7, induction.Length);                                       // header + Base, AS, CosSim, ActDiff, AP, Ours
            foreach (var method in new[] { "Base", "AS", "CosSim", "ActDiff", "AP", "Ours" }) Assert.Contains(induction, l => l.Contains(method));
            Assert.True(File.Exists(Path.Combine(exp, "paper-induction", "induction.png")));
            var sideEffects = File.ReadAllLines(Path.Combine(exp, "paper-side-effects", "side_effects.csv"));
            Assert.Equal("method,Alpaca CE,Pile CE,GSM8K acc,ARC acc", sideEffects[0]);
            Assert.Equal(7, sideEffects.Length);
            foreach (var row in sideEffects.Skip(1))
            {
                var cells = row.Split(',');
                Assert.InRange(double.Parse(cells[1], CultureInfo.InvariantCulture), 0.0, 20.0);   // a CE in nats, finite
                Assert.Equal("not run", cells[2]);                                                // no Pile offline
                Assert.InRange(double.Parse(cells[3], CultureInfo.InvariantCulture), 0.0, 1.0);
                Assert.InRange(double.Parse(cells[4], CultureInfo.InvariantCulture), 0.0, 1.0);
            }
            Assert.Contains("Pile CE not run", File.ReadAllText(Path.Combine(exp, "paper-side-effects", "side_effects.md")));
            var categories = File.ReadAllText(Path.Combine(exp, "paper-categories", "categories.md"));
            foreach (var cat in new[] { "Illegal Activity", "Child Abuse", "Hate/Harass/Violence", "Physical Harm", "Economic Harm", "Fraud/Deception", "Adult Content" })
                Assert.Contains(cat, categories);
            Assert.Equal(8, File.ReadAllLines(Path.Combine(exp, "paper-categories", "categories.csv")).Length - 1);   // 7 categories + mean
            foreach (var file in new[] { "categories.png", "overlap.png", "overlap.svg", "shared.md", "sets.json" })
                Assert.True(File.Exists(Path.Combine(exp, "paper-categories", file)), file);
            var probes = File.ReadAllText(Path.Combine(exp, "paper-probes", "probes.md"));
            foreach (var probe in new[] { "Refusal features", "Random features", "Dense resid_post" }) Assert.Contains(probe, probes);
            Assert.Equal(2, File.ReadAllLines(Path.Combine(exp, "paper-probes", "probes_dense_layers.csv")).Length - 1);   // one row per layer
            var suffixes = File.ReadAllText(Path.Combine(exp, "paper-suffixes", "suffixes.md"));
            Assert.Contains("goals screened", suffixes);
            Assert.True(File.Exists(Path.Combine(exp, "paper-suffixes", "screening.json")));
            var wjb = File.ReadAllLines(Path.Combine(exp, "paper-wildjailbreak", "wildjailbreak.csv"));
            Assert.Equal(["jailbroken", "failed"], wjb.Skip(1).Select(l => l.Split(',')[0]));

            var second = DotnetBuild.Experiments(props);
            Assert.True(second.ExitCode == 0, second.Output);
            Assert.All(LastRun.Read(lastRun).Stages, s => Assert.Equal("cached", s.Status));

            // The route a real model takes: the snapshot and SAEs named by path, no training stage upstream.
            var filtered = File.ReadAllText(Path.Combine(exp, "paper-filter", "filtered.json"));
            var snapshot = $"-p:Set=paper.subject.model_stage=%3Bpaper.subject.sae_stage=%3Bpaper.subject.model={exp}/train-model/model" +
                           $"%3Bpaper.subject.saes=['{exp}/train-sae/saes/layer_{{layer}}']%3Bpaper.subject.stop_at_end_of_turn=true";
            var third = DotnetBuild.Experiments([.. props, snapshot]);
            Assert.True(third.ExitCode == 0, third.Output);
            var byPath = LastRun.Read(lastRun).Stages.ToDictionary(s => s.Name);
            Assert.Equal("ran", byPath["paper-filter"].Status);
            Assert.Equal(filtered, File.ReadAllText(Path.Combine(exp, "paper-filter", "filtered.json")));
        }
        finally { Directory.Delete(artifacts, recursive: true); }
    }

    /// <summary>paper-judge with the toy's backend none (ASR n/a, substring refusal) and the HTML report linking every figure.</summary>
    private static void CheckJudgeAndReport(string exp)
    {
        var judge = File.ReadAllText(Path.Combine(exp, "paper-judge", "jailbreak.md"));
        foreach (var method in new[] { "Base", "CosSim", "ActDiff", "AP", "Ours", "AS", "Random" }) Assert.Contains(method, judge);
        Assert.Contains("| n/a |", judge);
        Assert.Contains("No HarmBench judge was configured", judge);
        Assert.True(File.Exists(Path.Combine(exp, "paper-judge", "jailbreak.png")));
        Assert.Equal(File.ReadLines(Path.Combine(exp, "paper-jailbreak", "completions.jsonl")).Count(),
            File.ReadLines(Path.Combine(exp, "paper-judge", "judgements.jsonl")).Count());

        var report = Path.Combine(exp, "report");
        var html = File.ReadAllText(Path.Combine(report, "index.html"));
        foreach (var s in new[] { "paper-judge", "train-sae", "§4.1 jailbreak", "Selected features", "Provenance" }) Assert.Contains(s, html);
        // One file that travels: every figure embedded (the browser test, ReportInBrowserTests, checks they decode).
        var images = System.Text.RegularExpressions.Regex.Matches(html, "<img [^>]*src=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains("id=\"headline-figure\" src=\"data:image/png;base64,", html);
        Assert.Contains("train-model: training_curve.png", html);
        Assert.All(images, i => Assert.StartsWith("data:image/png;base64,", i));
        Assert.Equal(File.ReadAllLines(Path.Combine(exp, "feature-dashboards", "dashboards.json")).Count(l => l.Contains("\"feature\": {")),
            System.Text.RegularExpressions.Regex.Matches(html, "<article class=\"dashboard\"").Count);
    }
}
