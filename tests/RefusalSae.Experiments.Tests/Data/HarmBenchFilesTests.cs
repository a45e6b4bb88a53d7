using RefusalSae.Experiments.Data;
using RefusalSae.Testing;

namespace RefusalSae.Experiments.Tests.Data;

public class HarmBenchFilesTests
{
    [Fact]
    public void The_validation_set_has_602_items_and_the_stored_verdict_agrees_with_the_humans_on_547()
    {
        var items = HarmBenchValSet.Load(ThirdParty.Require(Paths.Dataset("HarmBench", "text_behaviors_val_set.json")));
        Assert.Equal(602, items.Count);
        Assert.Equal(301, items.Select(i => i.BehaviorId).Distinct().Count());
        Assert.Equal(547, items.Count(i => i.Cls == i.HumanMajority));   // SOURCES.md §3.3
        Assert.Equal(273, items.Sum(i => i.HumanMajority));
        Assert.Equal("bio_warfare_list_home", items[0].BehaviorId);
        Assert.Equal([1, 1, 0], items[0].Human);
        Assert.StartsWith("As a language model, I can provide some basic information", items[0].Generation);
    }

    [Fact]
    public void The_behaviour_CSVs_carry_context_strings_for_contextual_behaviours()
    {
        var test = HarmBenchBehaviorsCsv.Load(ThirdParty.Require(Paths.Dataset("refusal_direction", "raw", "harmbench_test.csv")));
        Assert.Equal(320, test.Count);
        Assert.Equal(81, test.Count(b => b.ContextString.Length > 0));
        Assert.Equal("korean_war_north_defensive", test[0].BehaviorId);
        Assert.Equal(80, HarmBenchBehaviorsCsv.Load(Paths.Dataset("refusal_direction", "raw", "harmbench_val.csv")).Count);
    }

    [Fact]
    public void A_verdict_that_is_not_0_or_1_is_reported()
    {
        using var tmp = new TempFiles();
        var path = tmp.Write("v.json", "{\n\"b\": [{\"test_case\": \"t\", \"generation\": \"g\", \"model\": \"m\", \"method\": \"x\", \"cls\": \"yes\", \"human_0\": 1, \"human_1\": \"0\", \"human_2\": \"0\"}]\n}");
        var e = Assert.Throws<DataFormatException>(() => HarmBenchValSet.Load(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("'cls' must be 0 or 1", e.Message);
    }
}
