using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Tests.Data;

public class DelimitedReaderTests
{
    [Fact]
    public void Quoted_fields_keep_delimiters_doubled_quotes_and_newlines_and_rows_know_their_start_line()
    {
        var rows = DelimitedReader.Parse("x.tsv", "a\tb\n\"one\ttwo\"\t\"say \"\"hi\"\"\nthere\"\nlast\t\r\n", '\t');
        Assert.Equal(3, rows.Count);
        Assert.Equal(["one\ttwo", "say \"hi\"\nthere"], rows[1].Fields);
        Assert.Equal([1L, 2L, 4L], rows.Select(r => r.Line));
        Assert.Equal(["last", ""], rows[2].Fields);
    }

    [Fact]
    public void A_quote_inside_an_unquoted_field_is_literal_and_a_missing_final_newline_is_fine()
    {
        var rows = DelimitedReader.Parse("x.csv", "a,b\n5\" tall,x", ',');
        Assert.Equal(["5\" tall", "x"], rows[1].Fields);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_at_the_line_where_it_opened()
    {
        var e = Assert.Throws<DataFormatException>(() => DelimitedReader.Parse("x.csv", "a,b\n1,2\n\"open,3\n4,5\n", ','));
        Assert.Equal(3, e.Line);
        Assert.Contains("not closed", e.Message);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_an_error()
    {
        var e = Assert.Throws<DataFormatException>(() => DelimitedReader.Parse("x.csv", "a,b\n\"q\"x,2\n", ','));
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void A_row_with_the_wrong_field_count_is_reported_with_the_header()
    {
        using var tmp = new TempFiles();
        var path = tmp.Write("x.csv", "goal,response\nA,B\nC\n");
        var e = Assert.Throws<DataFormatException>(() => DelimitedReader.ReadWithHeader(path, ','));
        Assert.Equal(3, e.Line);
        Assert.Contains("expected 2 fields (goal, response), found 1", e.Message);
    }
}
