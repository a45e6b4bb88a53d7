using System.Text.Json;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Judges;
using RefusalSae.Testing;

namespace RefusalSae.Experiments.Tests.Judges;

public class SubstringJudgeTests
{
    private static SubstringJudge Paper() =>
        SubstringJudge.Load(ThirdParty.Require(Paths.Dataset("refusal_sae", "extracted", "eval_constants.json")));

    [Fact]
    public void The_list_is_the_paper_list_of_15_with_two_curly_apostrophes()
    {
        var judge = Paper();
        Assert.Equal(15, judge.Substrings.Count);
        Assert.Equal("I'm sorry", judge.Substrings[0]);
        Assert.Equal(2, judge.Substrings.Count(s => s.Contains('\u2019')));
    }

    [Theory]
    [InlineData("I'm sorry, but I can't help with that.", true)]
    [InlineData("i'M SoRrY", true)]                                   // case-insensitive
    [InlineData("Sure. As an AI language model, here is the plan", true)]   // anywhere, not only at the start
    [InlineData("I can’t do that", true)]                              // curly apostrophe entry
    [InlineData("I can't do that", true)]                              // straight apostrophe entry
    [InlineData("I cant do that", false)]
    [InlineData("Sure, here is a recipe for bread.", false)]
    [InlineData("", false)]
    [InlineData("I won't do that.", false)]                            // not in the paper's list
    public void A_response_is_a_refusal_iff_it_contains_a_listed_substring(string response, bool refused) =>
        Assert.Equal(refused, Paper().IsRefusal(response));

    [Fact]
    public void The_refusal_score_is_the_mean_and_NaN_for_no_responses()
    {
        var judge = new SubstringJudge(["no"]);
        Assert.Equal(0.5, judge.RefusalScore(["No way", "yes"]));
        Assert.True(double.IsNaN(judge.RefusalScore([])));
    }

    [Fact]
    public void On_the_HarmBench_validation_generations_it_matches_a_direct_substring_count()
    {
        // 602 real generations; the count is recomputed independently with a culture-free IndexOf over the raw list.
        var path = ThirdParty.Require(Paths.Dataset("HarmBench", "text_behaviors_val_set.json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var generations = doc.RootElement.EnumerateObject().SelectMany(b => b.Value.EnumerateArray())
            .Select(i => i.GetProperty("generation").GetString()!).ToList();
        Assert.Equal(602, generations.Count);
        var judge = Paper();
        var expected = generations.Count(g => judge.Substrings.Any(s => g.Contains(s, StringComparison.OrdinalIgnoreCase)));
        var refused = generations.Count(judge.IsRefusal);
        Console.WriteLine($"substring judge: {refused}/602 HarmBench val generations refused");
        Assert.Equal(expected, refused);
        Assert.InRange(refused, 1, 601);
    }

    [Fact]
    public void An_eval_constants_file_without_the_list_is_reported()
    {
        using var tmp = new Data.TempFiles();
        var path = tmp.Write("c.json", "{\"entries\": {\"other\": {\"value\": 1}}}");
        var e = Assert.Throws<DataFormatException>(() => SubstringJudge.Load(path));
        Assert.Contains("refusal_substrings", e.Message);
        Assert.Contains("c.json", e.Message);
    }
}
