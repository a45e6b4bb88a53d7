using RefusalSae.Experiments.Reporting;
using RefusalSae.Experiments.Stages.PaperJudge;

namespace RefusalSae.Experiments.Tests.Stages.PaperJudge;

public class JailbreakTableTests
{
    private static JudgedCompletion C(string set, string method, bool refused, bool? yes) => new(set, method, "p", "r", refused, yes, yes is null ? null : yes.Value ? "Yes" : "No");

    private static readonly string[] Methods = ["Random (control)", "AS", "CosSim+AP (Ours)", "AP", "ActDiff", "CosSim", "Base"];

    private static List<JudgedCompletion> Completions(bool judged) =>
        [.. from set in new[] { "advbench", "harmbench_test", "jailbreakbench" }
            from m in Methods
            from i in Enumerable.Range(0, 4)
            select C(set, m, refused: m == "Base" || i == 0, yes: judged ? m != "Base" && i < 2 : null)];

    [Fact]
    public void Methods_and_sets_come_in_the_papers_order_and_cells_hold_asr_and_refusal()
    {
        var scores = JailbreakScores.From(Completions(judged: true));
        Assert.Equal(["Base", "CosSim", "ActDiff", "AP", "CosSim+AP (Ours)", "AS", "Random (control)"], scores.Methods);
        Assert.Equal(["harmbench_test", "jailbreakbench", "advbench"], scores.Sets);
        Assert.Equal(0.5, scores.Asr("AS", "advbench"));
        Assert.Equal(0.25, scores.Refusal("AS", "advbench"));
        Assert.Equal(0.0, scores.Asr("Base", "harmbench_test"));
        Assert.Equal(1.0, scores.Refusal("Base", "harmbench_test"));

        var table = JailbreakTable.Build(scores, "openai|cais/HarmBench-Llama-2-13b-cls", "gemma-2-2b-it");
        Assert.Equal(["method", "harmbench_test ASR (%)", "harmbench_test refusal (%)", "harmbench_test paper ASR (%)"], table.Columns.Take(4));
        Assert.Equal(["AS", "50.0", "25.0", "86.0"], table.Rows[5].Take(4));
        Assert.Equal("–", table.Rows[6][3]);                      // the random control has no paper number
    }

    [Fact]
    public void Without_a_judge_every_asr_cell_is_na_and_a_note_says_so()
    {
        var table = JailbreakTable.Build(JailbreakScores.From(Completions(judged: false)), judge: null, paperModel: "none");
        Assert.All(table.Rows, r => Assert.Equal("n/a", r[1]));
        Assert.Equal("100.0", table.Rows[0][2]);
        Assert.Contains(table.Notes, n => n.Contains("No HarmBench judge was configured"));
        Assert.DoesNotContain(table.Columns, c => c.Contains("paper"));
        Assert.Contains("n/a", TableWriter.ToMarkdown(table));
    }

    [Fact]
    public void Held_out_scores_sit_beside_each_sets_in_sample_columns_and_a_note_explains_them()
    {
        var heldOut = JailbreakScores.From([.. Completions(judged: true).Where(c => c.Set == "advbench").Select(c => c with { Refused = true })]);
        var table = JailbreakTable.Build(JailbreakScores.From(Completions(judged: true)), "local|x", "none", heldOut);
        Assert.Equal(["method", "harmbench_test ASR (%)", "harmbench_test refusal (%)", "harmbench_test held-out ASR (%)", "harmbench_test held-out refusal (%)"], table.Columns.Take(5));
        Assert.Equal(["AS", "50.0", "25.0", "–", "–"], table.Rows[5].Take(5));                 // no held-out prompts of that set
        var advbench = table.Columns.ToList().IndexOf("advbench held-out ASR (%)");
        Assert.Equal(["50.0", "100.0"], table.Rows[5].Skip(advbench).Take(2));
        Assert.Contains(table.Notes, n => n.StartsWith("Held-out (beyond the paper", StringComparison.Ordinal));
    }
}
