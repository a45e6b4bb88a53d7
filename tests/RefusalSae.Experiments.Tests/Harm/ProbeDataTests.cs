using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Stages.Harm;

namespace RefusalSae.Experiments.Tests.Harm;

public sealed class ProbeDataTests
{
    private static PaperProbesSettings Settings(int train, int val, int test, int offset = 0, int skip = 0, int end = 100) => new()
    {
        TrainFile = ["wildjailbreak_train"], RefusalFeaturesMinCategories = 0, TrainPerClass = train, ValPerClass = val, TestVanilla = test,
        AdversarialScan = 4, TestAdversarial = 2, MaxPromptTokens = 100, VanillaOffset = offset, AdversarialSkip = skip, AdversarialWindowEnd = end,
        DenseTestOnLastLayer = true, Steps = 5, LearningRate = 0.01, Seed = 42, Judge = "substring", MaxNewTokens = 4, BatchSize = 2,
    };

    private static List<WildJailbreakRow> Rows(int n)
    {
        var rows = new List<WildJailbreakRow>();
        for (var i = 0; i < n; i++)
        {
            rows.Add(new($"t:{rows.Count}", rows.Count, $"adv {i}", $"harm {i}", 1, "vanilla_harmful"));
            rows.Add(new($"t:{rows.Count}", rows.Count, $"adv b{i}", $"benign {i}", 0, "vanilla_benign"));
            rows.Add(new($"t:{rows.Count}", rows.Count, string.Join(" ", Enumerable.Repeat("w", n - i)), null, 1, "adversarial_harmful"));
        }
        return rows;
    }

    [Fact]
    public void Vanilla_rows_are_drawn_at_random_without_replacement_from_those_after_the_offset_as_the_notebook_does()
    {
        var rows = Rows(30);
        var (train, val, test) = ProbeData.FromTrainFile(rows, Settings(train: 8, val: 4, test: 6, offset: 10));
        var harmful = train.Concat(val).Concat(test).Where(e => e.Label == 1).Select(e => int.Parse(e.Prompt[5..], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(18, harmful.Count);
        Assert.Equal(harmful.Count, harmful.Distinct().Count());
        Assert.All(harmful, i => Assert.InRange(i, 10, 29));                                       // v[offset:]
        Assert.NotEqual(harmful.Order().ToList(), harmful);                                        // not file order
        Assert.All(train.Where(e => e.Label == 0), e => Assert.StartsWith("benign", e.Prompt, StringComparison.Ordinal));
        Assert.All(test, e => Assert.Equal((1, ProbeData.Vanilla), (e.Label, e.Group)));
        Assert.Equal([1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0], train.Select(e => e.Label));
        var again = ProbeData.FromTrainFile(rows, Settings(train: 8, val: 4, test: 6, offset: 10));
        Assert.Equal(train.Select(e => e.Prompt), again.Train.Select(e => e.Prompt));                // seeded
        Assert.Throws<ArgumentException>(() => ProbeData.FromTrainFile(rows, Settings(train: 11, val: 4, test: 6, offset: 10)));
    }

    [Fact]
    public void Adversarial_candidates_are_the_word_count_sorted_window_that_drops_the_shortest()
    {
        var rows = Rows(12);                                                                       // adversarial i has 12 − i words
        var window = ProbeData.AdversarialWindow(rows, Settings(1, 1, 1, skip: 3, end: 8));
        Assert.Equal([4, 5, 6, 7, 8], window.Select(t => t.Split(' ').Length));                   // sorted [3:8]: the 3 shortest (1, 2, 3 words) dropped
    }
}
