namespace RefusalSae.Core.Chat;

/// <summary>The two string operations the chat templates use, with Python's semantics.</summary>
internal static class JinjaText
{
    /// <summary>Jinja's `| trim` = Python str.strip(): .NET's whitespace plus U+001C..U+001F, which Python also strips.</summary>
    public static string Trim(string s)
    {
        int a = 0, z = s.Length;
        while (a < z && IsPythonSpace(s[a])) a++;
        while (z > a && IsPythonSpace(s[z - 1])) z--;
        return s[a..z];
    }

    private static bool IsPythonSpace(char c) => char.IsWhiteSpace(c) || c is >= '\u001c' and <= '\u001f';

    /// <summary>
    /// Python's str.format for named fields only: "{name}" is replaced, "{{" and "}}" are literal braces, anything
    /// else is an error (the template must be exactly what the paper formats).
    /// </summary>
    public static string Format(string template, IReadOnlyDictionary<string, string> values, string source)
    {
        var sb = new System.Text.StringBuilder(template.Length + values.Values.Sum(v => v.Length));
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '{' && i + 1 < template.Length && template[i + 1] == '{') { sb.Append('{'); i++; continue; }
            if (c == '}' && i + 1 < template.Length && template[i + 1] == '}') { sb.Append('}'); i++; continue; }
            if (c == '}') throw new FormatException($"{source}: single '}}' at offset {i}.");
            if (c != '{') { sb.Append(c); continue; }
            var close = template.IndexOf('}', i + 1);
            if (close < 0) throw new FormatException($"{source}: unclosed '{{' at offset {i}.");
            var name = template[(i + 1)..close];
            if (!values.TryGetValue(name, out var v))
                throw new FormatException($"{source}: field '{{{name}}}' at offset {i} is not one of {string.Join(", ", values.Keys)}.");
            sb.Append(v);
            i = close;
        }
        return sb.ToString();
    }
}
