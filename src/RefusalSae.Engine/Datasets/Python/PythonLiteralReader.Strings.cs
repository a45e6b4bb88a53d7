using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Datasets.Python;

/// <summary>String literals: prefixes, quotes, escapes, implicit concatenation and f-string templates.</summary>
public sealed partial class PythonLiteralReader
{
    /// <summary>Adjacent string literals are one string (Python's implicit concatenation).</summary>
    private JsonValue Strings()
    {
        var parts = new List<(string Text, bool Template)>();
        while (StringStart() is { } prefix)
        {
            parts.Add(OneString(prefix));
            var save = _pos;
            SkipSpace();
            if (StringStart() is null) { _pos = save; break; }
        }
        var anyTemplate = parts.Any(p => p.Template);
        if (anyTemplate) SawFString = true;
        // A plain part joined to an f-string is literal text of the template: its braces are doubled.
        return JsonValue.Create(string.Concat(parts.Select(p => anyTemplate && !p.Template ? p.Text.Replace("{", "{{").Replace("}", "}}") : p.Text)));
    }

    /// <summary>The prefix letters when a string literal starts here, else null.</summary>
    private string? StringStart()
    {
        var i = _pos;
        while (i < source.Length && i - _pos < 2 && "rRuUfFbB".Contains(source[i])) i++;
        return i < source.Length && source[i] is '\'' or '"' ? source[_pos..i] : null;
    }

    private (string Text, bool Template) OneString(string prefix)
    {
        var p = prefix.ToLowerInvariant();
        if (p.Contains('b')) throw Fail("bytes literals are not text");
        var raw = p.Contains('r');
        var f = p.Contains('f');
        if (f && !templates) throw Fail("an f-string is not a literal (declare the entry's kind as fstring_template)");
        _pos += prefix.Length;
        var quote = source[_pos];
        var triple = _pos + 2 < source.Length && source[_pos + 1] == quote && source[_pos + 2] == quote;
        var delimiter = new string(quote, triple ? 3 : 1);
        _pos += delimiter.Length;
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= source.Length) throw Fail("unterminated string");
            if (string.CompareOrdinal(source, _pos, delimiter, 0, delimiter.Length) == 0) { _pos += delimiter.Length; break; }
            var c = source[_pos];
            if (c == '\n' && !triple) throw Fail("newline in a single-quoted string");
            if (c == '\\') { Escape(sb, raw); continue; }
            if (f && c == '{')
            {
                if (At("{{")) { sb.Append("{{"); _pos += 2; continue; }
                sb.Append(Field(quote));
                continue;
            }
            if (f && c == '}')
            {
                if (!At("}}")) throw Fail("single '}' in an f-string");
                sb.Append("}}");
                _pos += 2;
                continue;
            }
            sb.Append(c);
            _pos++;
        }
        return (sb.ToString(), f);
    }

    /// <summary>An f-string replacement field kept as its source text, brackets and nested strings balanced.</summary>
    private string Field(char quote)
    {
        var start = _pos;
        var depth = 0;
        while (_pos < source.Length)
        {
            var c = source[_pos];
            if (c is '{' or '[' or '(') depth++;
            else if (c is '}' or ']' or ')') { depth--; if (depth == 0 && c == '}') { _pos++; return source[start.._pos]; } }
            else if (c is '\'' or '"' && c != quote)
            {
                var end = source.IndexOf(c, _pos + 1);
                if (end < 0) throw Fail("unterminated string in an f-string field");
                _pos = end;
            }
            else if (c == quote || c == '\n') break;
            _pos++;
        }
        throw Fail("unterminated f-string field");
    }

    private void Escape(StringBuilder sb, bool raw)
    {
        var next = _pos + 1 < source.Length ? source[_pos + 1] : '\0';
        if (raw) { sb.Append('\\').Append(next); _pos += 2; return; }   // a raw string keeps the backslash
        _pos += 2;
        switch (next)
        {
            case '\n': break;   // line continuation
            case '\\': sb.Append('\\'); break;
            case '\'': sb.Append('\''); break;
            case '"': sb.Append('"'); break;
            case 'a': sb.Append('\a'); break;
            case 'b': sb.Append('\b'); break;
            case 'f': sb.Append('\f'); break;
            case 'n': sb.Append('\n'); break;
            case 'r': sb.Append('\r'); break;
            case 't': sb.Append('\t'); break;
            case 'v': sb.Append('\v'); break;
            case 'x': sb.Append(Hex(2)); break;
            case 'u': sb.Append(Hex(4)); break;
            case 'U': sb.Append(char.ConvertFromUtf32(int.Parse(Take(8), NumberStyles.HexNumber, CultureInfo.InvariantCulture))); break;
            case >= '0' and <= '7':
                var start = _pos - 1;
                while (_pos < source.Length && _pos - start < 3 && source[_pos] is >= '0' and <= '7') _pos++;
                sb.Append((char)Convert.ToInt32(source[start.._pos], 8));
                break;
            case 'N': throw Fail("\\N{...} escapes are not supported");
            default: sb.Append('\\').Append(next); break;   // Python keeps unknown escapes as written
        }
    }

    private char Hex(int digits) => (char)int.Parse(Take(digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    private string Take(int count)
    {
        if (_pos + count > source.Length) throw Fail("truncated escape");
        var s = source.Substring(_pos, count);
        _pos += count;
        return s;
    }
}
