using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Tests.Data;

public class PythonListLiteralTests
{
    [Fact]
    public void Both_quote_styles_and_a_trailing_comma_are_read()
    {
        Assert.Equal(["a b", "it's", "say \"x\""], PythonListLiteral.Parse("['a b', \"it's\", 'say \"x\"',]"));
        Assert.Empty(PythonListLiteral.Parse(" [ ] "));
    }

    [Fact]
    public void Escapes_follow_Python()
    {
        var s = PythonListLiteral.Parse(@"['it\'s', ""q\""x"", 'a\\b', 'n\nt\t', '\x41\u00e9\U0001F600', '\101', 'keep\d', r'raw\n']");
        Assert.Equal(["it's", "q\"x", "a\\b", "n\nt\t", "Aé😀", "A", "keep\\d", "raw\\n"], s);
    }

    [Fact]
    public void Adjacent_literals_concatenate_and_triple_quotes_work()
    {
        Assert.Equal(["ab", "x'y\"z"], PythonListLiteral.Parse("['a' \"b\", '''x'y\"z''']"));
    }

    [Theory]
    [InlineData("['a', 3]", "expected a string literal")]
    [InlineData("['a'", "expected ']'")]
    [InlineData("['a]", "not closed")]
    [InlineData("['a'] x", "after the closing")]
    [InlineData("'a'", "expected '['")]
    [InlineData(@"['\x4']", "hex digits")]
    public void Anything_else_is_an_error_with_its_offset(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => PythonListLiteral.Parse(text));
        Assert.Contains(message, e.Message);
        Assert.Contains("offset", e.Message);
    }
}
