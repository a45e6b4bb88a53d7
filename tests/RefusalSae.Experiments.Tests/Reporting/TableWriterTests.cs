using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Tests.Reporting;

public sealed class TableWriterTests
{
    private static readonly Table Sample = new("Jailbreak", ["method", "HarmBench (%)", "note"],
        [["Base", Table.Percent(0.02), "plain"], ["Ours", Table.Percent(0.815), "has, comma and \"quote\""]])
    { Notes = ["paper: 79.0"] };

    [Fact]
    public void Markdown_has_a_header_separator_and_one_line_per_row()
    {
        var md = TableWriter.ToMarkdown(Sample);
        Assert.Contains("| method | HarmBench (%) | note |\n|---|---|---|\n| Base | 2.0 | plain |\n", md);
        Assert.Contains("- paper: 79.0", md);
    }

    [Fact]
    public void Csv_quotes_cells_with_commas_and_doubles_inner_quotes()
    {
        var csv = TableWriter.ToCsv(Sample);
        Assert.Equal("method,HarmBench (%),note\nBase,2.0,plain\nOurs,81.5,\"has, comma and \"\"quote\"\"\"\n", csv);
    }

    [Fact]
    public void A_ragged_row_is_rejected_before_anything_is_written()
    {
        var bad = new Table("t", ["a", "b"], [["1"]]);
        var dir = Directory.CreateTempSubdirectory("rsw-tab-").FullName;
        Assert.Throws<InvalidOperationException>(() => TableWriter.Write(bad, dir, "t"));
        Assert.Empty(Directory.GetFiles(dir));
    }
}
