using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Datasets.Python;

/// <summary>
/// Reads one Python literal expression from source text without running it, as <c>ast.literal_eval</c> would:
/// strings (any quotes, triple-quoted, r/u prefixes, escapes, implicit concatenation), ints, floats, True/False/None,
/// lists, tuples and dicts (comments and trailing commas allowed inside brackets). With <c>templates</c> on, an
/// f-string becomes a str.format template: its literal text decoded, each <c>{expr}</c> kept as source text, literal
/// braces doubled (plain strings concatenated with it get their braces doubled too).
/// </summary>
public sealed partial class PythonLiteralReader(string source, bool templates)
{
    private int _pos;
    private int _depth;   // inside (), [] or {}: newlines and comments are whitespace

    /// <summary>True when the value read contained an f-string.</summary>
    public bool SawFString { get; private set; }

    /// <summary>Reads the expression at <paramref name="start"/>; returns the value and the offset after it.</summary>
    public (JsonNode? Value, int End) Read(int start)
    {
        _pos = start;
        SkipSpace();
        var value = Value();
        return (value, _pos);
    }

    private JsonNode? Value()
    {
        SkipSpace();
        if (_pos >= source.Length) throw Fail("expected a value, found the end of the file");
        var c = source[_pos];
        if (c == '[') return Sequence('[', ']');
        if (c == '(') return Parenthesized();
        if (c == '{') return Dict();
        if (c == '-' || c == '+' || char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < source.Length && char.IsAsciiDigit(source[_pos + 1]))) return Number();
        if (StringStart() is not null) return Strings();
        var word = Word();
        return word switch
        {
            "True" => JsonValue.Create(true),
            "False" => JsonValue.Create(false),
            "None" => null,
            _ => throw Fail(word.Length > 0 ? $"'{word}' is not a literal" : $"unexpected '{c}'"),
        };
    }

    private JsonArray Sequence(char open, char close)
    {
        var items = new JsonArray();
        Expect(open);
        _depth++;
        while (true)
        {
            SkipSpace();
            if (Peek(close)) break;
            items.Add(Value());
            SkipSpace();
            if (!Peek(',')) break;
            _pos++;
        }
        Expect(close);
        _depth--;
        return items;
    }

    /// <summary>( expr ) is the expression itself; (a, b) and () are tuples (JSON arrays, as json.dumps writes them).</summary>
    private JsonNode? Parenthesized()
    {
        var start = _pos;
        Expect('(');
        _depth++;
        SkipSpace();
        if (Peek(')')) { _pos++; _depth--; return new JsonArray(); }
        var first = Value();
        SkipSpace();
        if (Peek(')')) { _pos++; _depth--; return first; }
        _pos = start;
        _depth--;
        return Sequence('(', ')');
    }

    private JsonObject Dict()
    {
        var dict = new JsonObject();
        Expect('{');
        _depth++;
        while (true)
        {
            SkipSpace();
            if (Peek('}')) break;
            var key = Value();
            if (key is not JsonValue k || !k.TryGetValue<string>(out var name)) throw Fail("only string keys are supported");
            SkipSpace();
            Expect(':');
            dict[name] = Value();
            SkipSpace();
            if (!Peek(',')) break;
            _pos++;
        }
        Expect('}');
        _depth--;
        return dict;
    }

    private JsonValue Number()
    {
        var start = _pos;
        if (source[_pos] is '-' or '+') _pos++;
        while (_pos < source.Length && (char.IsAsciiLetterOrDigit(source[_pos]) || source[_pos] is '.' or '_'
               || (source[_pos] is '-' or '+' && source[_pos - 1] is 'e' or 'E'))) _pos++;
        var text = source[start.._pos].Replace("_", "");
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)) return JsonValue.Create(l);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return JsonValue.Create(d);
        throw Fail($"unsupported number '{text}'");
    }

    private void SkipSpace()
    {
        while (_pos < source.Length)
        {
            var c = source[_pos];
            if (c is ' ' or '\t' or '\f' || (c is '\n' or '\r' && _depth > 0)) _pos++;
            else if (c == '\\' && _pos + 1 < source.Length && source[_pos + 1] == '\n') _pos += 2;
            else if (c == '#' && _depth > 0) { while (_pos < source.Length && source[_pos] != '\n') _pos++; }
            else break;
        }
    }

    private string Word()
    {
        var start = _pos;
        while (_pos < source.Length && (char.IsAsciiLetterOrDigit(source[_pos]) || source[_pos] == '_')) _pos++;
        return source[start.._pos];
    }

    private bool Peek(char c) => _pos < source.Length && source[_pos] == c;
    private bool At(string s) => string.CompareOrdinal(source, _pos, s, 0, s.Length) == 0;

    private void Expect(char c)
    {
        SkipSpace();
        if (!Peek(c)) throw Fail($"expected '{c}'");
        _pos++;
    }

    private PythonSourceException Fail(string message) => new(message, PythonSource.LineOf(source, _pos));
}
