using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RefusalSae.Engine.Datasets.Python;

/// <summary>
/// Finds a constant in Python source (or a notebook cell) by the names the mirror records:
/// <c>NAME</c> or <c>outer.NAME</c> = the value assigned to NAME, <c>f() return value</c> = the returned expression,
/// each optionally followed by subscripts (<c>LLAMA2_CLS_PROMPT["prompt"]</c>). With a line, the assignment or return
/// must be on that line; without one, NAME must be assigned exactly once at the start of a line.
/// </summary>
public static partial class PythonSource
{
    private const string ReturnValue = " return value";

    [GeneratedRegex(@"^(?<name>[^\[]+)(?<subs>(\[(""[^""]*""|'[^']*')\])*)$")] private static partial Regex SymbolPattern();
    [GeneratedRegex(@"\[(""(?<k>[^""]*)""|'(?<k>[^']*)')\]")] private static partial Regex Subscript();
    [GeneratedRegex(@"^code cell index (?<cell>\d+)$")] private static partial Regex CellPattern();

    /// <summary>
    /// The value of <paramref name="symbol"/> in <paramref name="text"/>. <paramref name="line"/> is a 1-based line,
    /// "code cell index N" (text is then a .ipynb), or null. <paramref name="template"/> allows f-strings.
    /// </summary>
    public static (JsonNode? Value, bool IsTemplate) Extract(string text, string symbol, string? line, bool template)
    {
        if (line is not null && CellPattern().Match(line) is { Success: true } cell)
            return Extract(NotebookCell(text, int.Parse(cell.Groups["cell"].Value)), symbol, null, template);
        var m = SymbolPattern().Match(symbol);
        if (!m.Success) throw new PythonSourceException($"cannot read the symbol '{symbol}'", 0);
        var name = m.Groups["name"].Value;
        var start = line is null ? TopLevelAssignment(text, name) : OnLine(text, name, int.Parse(line));
        var reader = new PythonLiteralReader(text, template);
        var (value, _) = reader.Read(start);
        foreach (Match sub in Subscript().Matches(m.Groups["subs"].Value))
        {
            var key = sub.Groups["k"].Value;
            value = value is JsonObject o && o.TryGetPropertyValue(key, out var v) ? v
                : throw new PythonSourceException($"'{name}' has no key '{key}'", LineOf(text, start));
        }
        return (value, reader.SawFString);
    }

    public static int LineOf(string text, int offset)
    {
        var line = 1;
        for (var i = 0; i < offset && i < text.Length; i++) if (text[i] == '\n') line++;
        return line;
    }

    private static int OnLine(string text, string name, int line)
    {
        var (start, end) = LineSpan(text, line);
        var code = text[start..end];
        if (name.EndsWith(ReturnValue, StringComparison.Ordinal))
        {
            var r = Regex.Match(code, @"\breturn\s");
            if (!r.Success) throw new PythonSourceException($"no return statement on line {line} for '{name}'", line);
            return start + r.Index + r.Length;
        }
        var last = name[(name.LastIndexOf('.') + 1)..];
        var a = Regex.Match(code, $@"\b{Regex.Escape(last)}\s*=(?!=)");
        if (!a.Success) throw new PythonSourceException($"no assignment to '{last}' on line {line}", line);
        return start + a.Index + a.Length;
    }

    private static int TopLevelAssignment(string text, string name)
    {
        var hits = Regex.Matches(text, $@"^{Regex.Escape(name)}\s*=(?!=)", RegexOptions.Multiline);
        return hits.Count == 1 ? hits[0].Index + hits[0].Length
            : throw new PythonSourceException($"'{name}' is assigned {hits.Count} times at the top level (expected once)", hits.Count > 1 ? LineOf(text, hits[1].Index) : 0);
    }

    private static (int Start, int End) LineSpan(string text, int line)
    {
        var start = 0;
        for (var l = 1; l < line; l++)
        {
            start = text.IndexOf('\n', start) + 1;
            if (start == 0) throw new PythonSourceException($"the file has fewer than {line} lines", line);
        }
        var end = text.IndexOf('\n', start);
        return (start, end < 0 ? text.Length : end);
    }

    /// <summary>The source of code cell <paramref name="index"/> of a notebook (its lines joined, as Jupyter stores them).</summary>
    private static string NotebookCell(string ipynb, int index)
    {
        try
        {
            var cells = JsonNode.Parse(ipynb)?["cells"]?.AsArray() ?? throw new PythonSourceException("not a notebook (no cells)", 0);
            if (index >= cells.Count) throw new PythonSourceException($"the notebook has {cells.Count} cells, not cell {index}", 0);
            var source = cells[index]!["source"];
            return source is JsonArray lines ? string.Concat(lines.Select(l => l!.GetValue<string>())) : source!.GetValue<string>();
        }
        catch (JsonException e) { throw new PythonSourceException($"not a notebook: {e.Message}", 0); }
    }
}
