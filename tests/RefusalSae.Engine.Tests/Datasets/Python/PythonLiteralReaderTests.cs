using System.Text.Json.Nodes;
using RefusalSae.Engine.Datasets.Python;

namespace RefusalSae.Engine.Tests.Datasets.Python;

public class PythonLiteralReaderTests
{
    private static JsonNode? Read(string source, bool templates = false) => new PythonLiteralReader(source, templates).Read(0).Value;

    [Fact]
    public void Triple_quoted_strings_keep_their_newlines_and_quotes()
    {
        Assert.Equal("a\n'b' \"c\"\n", Read("'''a\n'b' \"c\"\n'''")!.GetValue<string>());
    }

    [Fact]
    public void Adjacent_strings_concatenate_across_lines_inside_brackets_and_comments_are_skipped()
    {
        var list = Read("[ 'a' \"b\"  # note\n   'c',\n  'd', ]")!.AsArray();
        Assert.Equal(["abc", "d"], list.Select(x => x!.GetValue<string>()));
    }

    [Fact]
    public void Escapes_decode_as_Python_does_and_raw_strings_keep_backslashes()
    {
        Assert.Equal("t\tn\nq'x\u00e9u\u2019\\d", Read(@"'t\tn\nq\'x\xe9u\u2019\d'")!.GetValue<string>());
        Assert.Equal(@"a\nb", Read(@"r'a\nb'")!.GetValue<string>());
    }

    [Fact]
    public void Dicts_lists_numbers_and_constants_become_json_values_in_source_order()
    {
        var d = Read("{'max_new_tokens':256,'verbose':False, 'x': None, 'y': (1, -2.5)}")!.AsObject();
        Assert.Equal(["max_new_tokens", "verbose", "x", "y"], d.Select(p => p.Key));
        Assert.Equal("{\n  \"max_new_tokens\": 256,\n  \"verbose\": false,\n  \"x\": null,\n  \"y\": [\n    1,\n    -2.5\n  ]\n}", PythonJson.Dumps(d, 2));
    }

    [Fact]
    public void An_f_string_becomes_a_format_template_with_its_expressions_as_source_text()
    {
        var t = Read("f'Q: {q.strip()}\\n{{literal}} {x[\"k\"]}' ' and {plain}'", templates: true)!.GetValue<string>();
        Assert.Equal("Q: {q.strip()}\n{{literal}} {x[\"k\"]} and {{plain}}", t);
    }

    [Fact]
    public void An_f_string_where_a_literal_is_expected_is_an_error_naming_its_line()
    {
        var e = Assert.Throws<PythonSourceException>(() => Read("[\n\n  f'{x}']"));
        Assert.Equal(3, e.Line);
        Assert.Contains("fstring_template", e.Message);
    }

    [Fact]
    public void A_symbol_with_subscripts_is_found_at_its_top_level_assignment()
    {
        const string source = "X = 1\nPROMPT = {\n  'a': '''one''',\n  \"b\": 'two'\n}\ndef f():\n    return f'r {y}'\n";
        Assert.Equal("two", PythonSource.Extract(source, "PROMPT[\"b\"]", null, false).Value!.GetValue<string>());
        Assert.Equal("r {y}", PythonSource.Extract(source, "f() return value", "7", true).Value!.GetValue<string>());
    }
}
