using RefusalSae.Experiments.Data;
using RefusalSae.Testing;

namespace RefusalSae.Experiments.Tests.Data;

public class CapabilitySetsTests
{
    [Fact]
    public void GSM8K_has_1319_problems_and_the_gold_is_the_text_after_the_hashes_without_commas()
    {
        var problems = Gsm8kJsonl.Load(ThirdParty.Require(Paths.Dataset("grade-school-math", "test.jsonl")));
        Assert.Equal(1319, problems.Count);
        Assert.StartsWith("Janet’s ducks lay 16 eggs per day.", problems[0].Question);
        Assert.Equal("18", problems[0].FinalAnswer);
        Assert.Contains(problems, p => p.FinalAnswer == "2125");   // "2,125" in the file
        Assert.All(problems, p => Assert.DoesNotContain(",", p.FinalAnswer));
    }

    [Fact]
    public void A_GSM8K_answer_without_hashes_is_reported_with_its_line()
    {
        using var tmp = new TempFiles();
        var path = tmp.Write("g.jsonl", "{\"question\": \"q\", \"answer\": \"a\\n#### 1,000\"}\n\n{\"question\": \"q\", \"answer\": \"no gold\"}\n");
        var e = Assert.Throws<DataFormatException>(() => Gsm8kJsonl.Load(path));
        Assert.Equal(3, e.Line);
        Assert.Contains("####", e.Message);
        var ok = tmp.Write("ok.jsonl", "{\"question\": \"q\", \"answer\": \"a\\n#### 1,000\"}\n");
        Assert.Equal("1000", Gsm8kJsonl.Load(ok)[0].FinalAnswer);
    }

    [Fact]
    public void The_ARC_substitute_has_1172_four_choice_items_with_letter_keys()
    {
        var items = ArcJsonl.Load(ThirdParty.Require(Paths.Dataset("llm-foundry", "arc_challenge.jsonl")));
        Assert.Equal(1172, items.Count);
        Assert.StartsWith("An astronomer observes that a planet rotates faster", items[0].Question);
        Assert.Equal("C", items[0].AnswerKey);
        Assert.Equal("Planetary days will become shorter.", items[0].Choices[2]);
        Assert.All(items, i => Assert.Equal(4, i.Choices.Count));
    }

    [Fact]
    public void An_ARC_gold_outside_the_choices_is_reported()
    {
        using var tmp = new TempFiles();
        var path = tmp.Write("a.jsonl", "{\"query\": \"Question: q\", \"choices\": [\"a\", \"b\"], \"gold\": 2}\n");
        var e = Assert.Throws<DataFormatException>(() => ArcJsonl.Load(path));
        Assert.Equal(1, e.Line);
        Assert.Contains("'gold'", e.Message);
    }
}
