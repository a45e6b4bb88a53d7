using System.Globalization;
using System.Text;

namespace RefusalSae.Experiments.Data;

/// <summary>
/// Parses a Python list of string literals, as <c>ast.literal_eval</c> reads it: <c>['a', "b's", 'c' 'd',]</c>.
/// Both quote styles, triple quotes, the u/r prefixes, adjacent-literal concatenation, a trailing comma, and Python's
/// escapes (\\ \' \" \n \t \r \a \b \f \v, \ooo, \xhh, \uXXXX, \UXXXXXXXX, backslash-newline); an unknown escape keeps
/// its backslash, as Python does. Anything else (numbers, nested lists) is an error with its character offset.
/// </summary>
public static class PythonListLiteral
{
    public static IReadOnlyList<string> Parse(string text)
    {
        var p = new Cursor(text);
        p.SkipSpace();
        p.Expect('[');
        var items = new List<string>();
        while (true)
        {
            p.SkipSpace();
            if (p.TryTake(']')) break;
            var item = new StringBuilder();
            do { ReadLiteral(p, item); p.SkipSpace(); } while (p.AtLiteral());
            items.Add(item.ToString());
            if (p.TryTake(',')) continue;
            p.Expect(']');
            break;
        }
        p.SkipSpace();
        if (!p.AtEnd) throw p.Error("text after the closing ']'");
        return items;
    }

    private static void ReadLiteral(Cursor p, StringBuilder sb)
    {
        var raw = false;
        while (p.Peek is 'r' or 'R' or 'u' or 'U') { raw |= p.Peek is 'r' or 'R'; p.Next(); }
        var quote = p.Peek;
        if (quote is not ('\'' or '"')) throw p.Error("expected a string literal");
        var triple = p.LookingAt(new string(quote, 3));
        p.Advance(triple ? 3 : 1);
        while (true)
        {
            if (p.AtEnd) throw p.Error("string literal is not closed");
            var c = p.Next();
            if (c == quote && (!triple || p.LookingAt(new string(quote, 2))))
            {
                if (triple) p.Advance(2);
                return;
            }
            if (c == '\n' && !triple) throw p.Error("newline inside a single-quoted string");
            if (c != '\\') { sb.Append(c); continue; }
            if (p.AtEnd) throw p.Error("string ends with a backslash");
            if (raw) { sb.Append('\\').Append(p.Next()); continue; }
            Escape(p, sb);
        }
    }

    private static void Escape(Cursor p, StringBuilder sb)
    {
        var e = p.Next();
        switch (e)
        {
            case '\n': return;
            case '\\': sb.Append('\\'); return;
            case '\'': sb.Append('\''); return;
            case '"': sb.Append('"'); return;
            case 'n': sb.Append('\n'); return;
            case 't': sb.Append('\t'); return;
            case 'r': sb.Append('\r'); return;
            case 'a': sb.Append('\a'); return;
            case 'b': sb.Append('\b'); return;
            case 'f': sb.Append('\f'); return;
            case 'v': sb.Append('\v'); return;
            case 'x': sb.Append(char.ConvertFromUtf32(p.Hex(2))); return;
            case 'u': sb.Append(char.ConvertFromUtf32(p.Hex(4))); return;
            case 'U': sb.Append(char.ConvertFromUtf32(p.Hex(8))); return;
        }
        if (e is >= '0' and <= '7')
        {
            var value = e - '0';
            for (var k = 0; k < 2 && p.Peek is >= '0' and <= '7'; k++) value = value * 8 + (p.Next() - '0');
            sb.Append((char)value);
            return;
        }
        sb.Append('\\').Append(e);
    }

    private sealed class Cursor(string text)
    {
        private int _i;

        public bool AtEnd => _i >= text.Length;
        public char Peek => _i < text.Length ? text[_i] : '\0';
        public char Next() => text[_i++];
        public void Advance(int n) => _i += n;
        public bool LookingAt(string s) => string.CompareOrdinal(text, _i, s, 0, s.Length) == 0;
        public bool AtLiteral() => Peek is '\'' or '"' || (Peek is 'r' or 'R' or 'u' or 'U' && _i + 1 < text.Length && text[_i + 1] is '\'' or '"');

        public void SkipSpace() { while (_i < text.Length && char.IsWhiteSpace(text[_i])) _i++; }

        public bool TryTake(char c)
        {
            if (Peek != c || AtEnd) return false;
            _i++;
            return true;
        }

        public void Expect(char c) { if (!TryTake(c)) throw Error($"expected '{c}'"); }

        public int Hex(int digits)
        {
            if (_i + digits > text.Length || !int.TryParse(text.AsSpan(_i, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v))
                throw Error($"expected {digits} hex digits after the escape");
            _i += digits;
            return v;
        }

        public FormatException Error(string what) =>
            new($"Python list literal, offset {_i}: {what} (near \"{text.Substring(Math.Max(0, _i - 10), Math.Min(30, text.Length - Math.Max(0, _i - 10)))}\")");
    }
}
