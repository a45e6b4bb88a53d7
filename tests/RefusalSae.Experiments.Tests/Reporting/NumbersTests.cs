using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Tests.Reporting;

public sealed class NumbersTests
{
    [Theory]
    [InlineData(0.00030000000000000003, "0.000300")]
    [InlineData(0.93612345, "0.936")]
    [InlineData(5.2671, "5.27")]
    [InlineData(9.996, "10.0")]
    [InlineData(123.456, "123")]
    [InlineData(1234.5, "1230")]
    [InlineData(-0.0175, "-0.0175")]
    [InlineData(0.0, "0")]
    [InlineData(1.2e-5, "1.20e-5")]
    public void Other_figures_have_three_significant_digits(double value, string expected) => Assert.Equal(expected, Numbers.Significant(value));

    [Theory]
    [InlineData("95.33333", "harmbench_test refusal (%)", "95.3")]
    [InlineData("-85.26", "mean Δ refusal vs Base (points)", "-85.3")]
    [InlineData("+2.04", "Δ (points)", "+2.0")]
    [InlineData("0.5196", "Alpaca CE", "0.520")]
    [InlineData("1100", "step", "1100")]
    [InlineData("95", "refusal (%)", "95.0")]
    [InlineData("n/a", "ASR (%)", "n/a")]
    [InlineData("≥ 90", "target", "≥ 90")]
    [InlineData("L0/12", "feature", "L0/12")]
    public void Table_cells_use_the_unit_in_their_header(string cell, string header, string expected) => Assert.Equal(expected, Numbers.Cell(cell, header));

    [Fact]
    public void Markdown_tables_are_formatted_for_people_while_the_csv_keeps_full_precision()
    {
        var table = new Table("t", ["method", "refusal (%)", "CE"], [["Base", "95.33333", "0.51963"]]);
        Assert.Contains("| Base | 95.3 | 0.520 |", TableWriter.ToMarkdown(table));
        Assert.Contains("Base,95.33333,0.51963", TableWriter.ToCsv(table));
    }

    [Fact]
    public void A_fraction_reads_as_a_percentage_to_one_decimal() => Assert.Equal("12.3%", Numbers.PercentOf(0.1234));
}
