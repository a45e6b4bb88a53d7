using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Stages.Paper;
using RefusalSae.Experiments.Stages.Paper.Split;

namespace RefusalSae.Experiments.Tests.Stages.Paper.Split;

public class SelectionSplitTests
{
    private static readonly string[] Prompts = ["p0", "p1", "p2", "p3", "p4"];

    [Fact]
    public void The_halves_interleave_and_are_disjoint_and_together_the_whole_set()
    {
        Assert.Equal(["p0", "p2", "p4"], SelectionHalves.Selection(Prompts));
        Assert.Equal(["p1", "p3"], SelectionHalves.HeldOut(Prompts));
        Assert.Empty(SelectionHalves.Selection(Prompts).Intersect(SelectionHalves.HeldOut(Prompts)));
    }

    [Fact]
    public void Every_jailbreak_method_has_a_held_out_intervention_of_the_same_kind_as_in_sample()
    {
        FeatureRef[] One(int i) => [new FeatureRef(0, i)];
        var split = new SplitSelection
        {
            Set = "s", SelectionPrompts = ["p0"], HeldOutPrompts = ["p1"], Direction = [1f],
            OursGlobal = One(1), ApGlobal = One(2), CosSim = One(3), ActDiff = One(4), Random = One(5),
        };
        foreach (var method in JailbreakMethod.All(apMisindexed: true))
            Assert.Equal(method.FeaturesOf is null, HeldOutJailbreak.FeaturesOf(method, split) is null);
        Assert.Equal(One(1), HeldOutJailbreak.FeaturesOf(JailbreakMethod.All(true).Single(m => m.Name == "CosSim+AP (Ours)"), split));
    }

    [Fact]
    public void The_jailbreak_table_puts_each_sets_held_out_rate_beside_its_in_sample_rate()
    {
        var dir = Directory.CreateTempSubdirectory("rsw-split-").FullName;
        try
        {
            string[] sets = ["advbench", "jailbreakbench"];
            string[] methods = ["Base", "CosSim+AP (Ours)"];
            var inSample = new Dictionary<(string, string), double> { [("Base", "advbench")] = 1, [("Base", "jailbreakbench")] = 1, [("CosSim+AP (Ours)", "advbench")] = 0.25, [("CosSim+AP (Ours)", "jailbreakbench")] = 0.5 };
            var heldOut = new Dictionary<(string, string), double> { [("Base", "advbench")] = 1, [("Base", "jailbreakbench")] = 0.5, [("CosSim+AP (Ours)", "advbench")] = 0.75, [("CosSim+AP (Ours)", "jailbreakbench")] = 0.5 };
            var settings = new PaperJailbreakSettings { Clamp = -3, ApMisindexed = true, MaxNewTokens = 8, BatchSize = 2, PaperModel = "none" };
            JailbreakReport.Write(dir, sets, methods, inSample, settings, perSet: 4, heldOut);
            var csv = File.ReadAllLines(Path.Combine(dir, "jailbreak.csv"));
            Assert.StartsWith("method,advbench refusal (%),advbench held-out refusal (%),jailbreakbench refusal (%),jailbreakbench held-out refusal (%),", csv[0]);
            Assert.EndsWith(",held-out mean Δ vs Base (points)", csv[0]);
            Assert.StartsWith("CosSim+AP (Ours),25.0,75.0,50.0,50.0,", csv[2]);
            Assert.EndsWith(",-62.5,-12.5", csv[2]);
            Assert.Contains("Held-out (beyond the paper", File.ReadAllText(Path.Combine(dir, "jailbreak.md")));
            Assert.True(File.Exists(Path.Combine(dir, "held_out_metrics.json")));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
