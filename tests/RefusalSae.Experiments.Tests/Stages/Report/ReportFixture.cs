using System.Text.Json.Nodes;
using RefusalSae.Engine.Cache;
using RefusalSae.Experiments.Dashboards;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Reporting;
using RefusalSae.Experiments.Stages.Report;

namespace RefusalSae.Experiments.Tests.Stages.Report;

/// <summary>
/// A small experiment's stage folders (cache-like stages/{key}/out with manifests) holding real tables and figures
/// in the shapes the paper stages write, plus feature dashboards, rendered into one report page.
/// </summary>
public sealed class ReportFixture : IDisposable
{
    public string Root { get; } = Directory.CreateTempSubdirectory("rsw-report-").FullName;

    public void Dispose() => Directory.Delete(Root, recursive: true);

    public const string Gemma65k = "https://www.neuronpedia.org/gemma-2-2b/{layer}-gemmascope-res-65k/{feature}";

    public static readonly IReadOnlyList<string> Methods = ["Base", "CosSim", "ActDiff", "AP", "CosSim+AP (Ours)", "AS", "Random (control)"];

    private string Stage(string key, Action<string> write)
    {
        var outDir = Path.Combine(Root, "cache", "stages", key, "out");
        Directory.CreateDirectory(outDir);
        write(outDir);
        var manifest = new Manifest
        {
            Key = key, Stage = "x", OutputHash = "out-" + key, Started = DateTimeOffset.Parse("2026-01-02T03:04:05Z"), Seconds = 1.5,
            ItemsComputed = 3, ItemsCached = 4, Outputs = [], Tools = new Dictionary<string, string>(), Host = new Dictionary<string, string>(),
            Inputs = new JsonObject
            {
                ["stage"] = "x", ["version"] = 2, ["code"] = "codehash",
                ["config"] = new JsonObject { ["paper"] = new JsonObject { ["eval"] = new JsonObject { ["prompts_per_set"] = 50 } } },
                ["upstream"] = new JsonObject { ["train-model"] = "out-aaaa" },
                ["datasets"] = new JsonObject { ["harmbench_test"] = "c0ffee" },
            },
        };
        File.WriteAllText(Path.Combine(Root, "cache", "stages", key, "manifest.json"), manifest.ToJson());
        return outDir;
    }

    public IReadOnlyList<StageReport> Stages(string evilTitle = "Per-layer SAE metrics")
    {
        var train = Stage("aaaa", dir =>
        {
            File.WriteAllText(Path.Combine(dir, "training_log.csv"), "step,loss,learning_rate\n" +
                string.Concat(Enumerable.Range(1, 300).Select(i => $"{i},{6.0 / i},0.00030000000000000003\n")));
            LineFigure.Save(dir, "training_curve", "Training loss", "step", "loss (nats)",
                [new LineSeries("loss", Enumerable.Range(1, 30).Select(i => (double)i).ToList(), Enumerable.Range(1, 30).Select(i => 6.0 / i).ToList())]);
        });
        var sae = Stage("bbbb", dir => TableWriter.Write(new Table(evilTitle, ["layer", "variance explained", "dead latents (%)"],
            [["0", "0.93612345", "1.0666"], ["1", "<b>&amp;</b>", "0.0"]]) { Notes = ["note with <i>tags</i> & more"] }, dir, "sae_metrics"));
        var behaviour = Stage("cccc", dir => TableWriter.Write(new Table("Behaviour", ["set", "refusal rate (%)", "target", "met"],
            [["harmbench_test", "90.0", "≥ 90", "yes"], ["harmless_test", "8.0", "≤ 10", "yes"]]), dir, "behaviour"));
        var judge = Stage("dddd", dir =>
        {
            var sets = new[] { "harmbench_test", "jailbreakbench", "advbench" };
            var refusal = Methods.Select((m, i) => sets.Select((_, j) => m == "Base" ? 95.0 - j : 10.0 + 3.33333 * i + j).ToArray()).ToArray();
            TableWriter.Write(new Table("§4.1 jailbreak: HarmBench ASR and substring refusal per method and harmful set",
                ["method", .. sets.SelectMany(s => new[] { $"{s} ASR (%)", $"{s} refusal (%)" })],
                Methods.Select((m, i) => (IReadOnlyList<string>)[m, .. sets.SelectMany((_, j) => new[] { "n/a", refusal[i][j].ToString(System.Globalization.CultureInfo.InvariantCulture) })]).ToList()),
                dir, "jailbreak");
            GroupedBarFigure.Save(dir, "jailbreak", "Substring refusal rate per method", "Refusal (%)", sets, Methods,
                Methods.Select((_, i) => refusal[i]).ToArray());
        });
        var side = Stage("eeee", dir => TableWriter.Write(new Table("Side effects", ["method", "Alpaca CE", "GSM8K acc"],
            [["Base", "0.0441234", "0.500"], ["CosSim+AP (Ours)", "0.069", "0.250"]]), dir, "side_effects"));
        return
        [
            StageReport.Collect("train-model", train), StageReport.Collect("train-sae", sae), StageReport.Collect("behaviour", behaviour),
            StageReport.Collect("paper-judge", judge), StageReport.Collect("paper-side-effects", side),
        ];
    }

    /// <summary>Two dashboards, each with six contexts from evaluation prompts and six from the corpus, and their histogram PNGs.</summary>
    public (IReadOnlyList<FeatureDashboard> Dashboards, string HistogramsDir) Dashboards()
    {
        var dir = Path.Combine(Root, "dashboards", "histograms");
        var texts = Enumerable.Range(0, 24).Select(i => new DashboardText(i < 8 ? DashboardText.Harmful("advbench") : i < 12 ? DashboardText.Harmless : DashboardText.Corpus,
            [1, 2, 3, 4, 5, 6])).ToList();
        var tokens = texts.Select((_, i) => (IReadOnlyList<string>)["<start_of_turn>", "user\n", $" how{i}", " to", " <b>make</b>", " a"]).ToList();
        var result = new List<FeatureDashboard>();
        foreach (var f in new[] { new FeatureRef(0, 12), new FeatureRef(1, 893) })
        {
            var acts = texts.Select((_, i) => new float[] { 0, 0, 0.1f * (i % 7), 0, 1.5f + i * 0.01f * (f.Layer + 1), 0 }).ToList();
            var d = DashboardBuilder.Build(f, [new FeatureSelection("CosSim+AP (Ours)", "advbench")], [new SetAttributionScore("advbench", 0.0123456)],
                texts, tokens, acts, new DashboardShape(6, 4, 2, 10));
            HistogramFigure.Save(dir, FeatureDashboard.Slug(f), $"{f}: max activation per prompt", "max activation", d.Histogram);
            result.Add(d);
        }
        return (result, dir);
    }

    public string Render(string template = Gemma65k, string evilTitle = "Per-layer SAE metrics")
    {
        var (dashboards, histograms) = Dashboards();
        var features = new[] { new FeatureSetRow("advbench", "CosSim+AP (Ours), global", [new FeatureRef(0, 12), new FeatureRef(1, 893), new FeatureRef(12, 65535)]) };
        return HtmlReport.Render(new ReportInput(Stages(evilTitle), features, dashboards, histograms, new NeuronpediaLinks(template)));
    }

    /// <summary>Writes the page as report/index.html and returns its path.</summary>
    public string Write(string html)
    {
        var path = Path.Combine(Root, "report", "index.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, html);
        return path;
    }
}
