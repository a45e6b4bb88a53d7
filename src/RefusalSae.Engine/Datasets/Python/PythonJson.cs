using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Datasets.Python;

/// <summary>
/// Writes JSON byte-for-byte as Python's <c>json.dumps(value, indent=n, ensure_ascii=False)</c> does (key order kept,
/// ", "/": " separators, only ", \ and control characters escaped), so a derived file hashes like the one made in
/// Python. <c>compactScalarLists</c> writes lists of numbers on one line without spaces, the style of the mirrored
/// load_refusal_datasets_samples.json.
/// </summary>
public static class PythonJson
{
    public static string Dumps(JsonNode? value, int indent, bool compactScalarLists = false)
    {
        var sb = new StringBuilder();
        Write(sb, value, indent, 0, compactScalarLists);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int indent, int level, bool compact)
    {
        switch (node)
        {
            case null: sb.Append("null"); break;
            case JsonObject o when o.Count == 0: sb.Append("{}"); break;
            case JsonArray a when a.Count == 0: sb.Append("[]"); break;
            case JsonArray a when compact && a.All(x => x is JsonValue v && !v.TryGetValue<string>(out _)):
                sb.Append('[');
                for (var i = 0; i < a.Count; i++) { if (i > 0) sb.Append(','); Write(sb, a[i], indent, level, compact); }
                sb.Append(']');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    sb.Append(i == 0 ? "" : ",").Append('\n').Append(' ', indent * (level + 1));
                    Write(sb, a[i], indent, level + 1, compact);
                }
                sb.Append('\n').Append(' ', indent * level).Append(']');
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var (k, v) in o)
                {
                    sb.Append(first ? "" : ",").Append('\n').Append(' ', indent * (level + 1));
                    first = false;
                    String(sb, k);
                    sb.Append(": ");
                    Write(sb, v, indent, level + 1, compact);
                }
                sb.Append('\n').Append(' ', indent * level).Append('}');
                break;
            case JsonValue v when v.TryGetValue<string>(out var s): String(sb, s); break;
            case JsonValue v when v.TryGetValue<bool>(out var b): sb.Append(b ? "true" : "false"); break;
            case JsonValue v when v.TryGetValue<long>(out var l): sb.Append(l.ToString(CultureInfo.InvariantCulture)); break;
            case JsonValue v when v.TryGetValue<int>(out var i): sb.Append(i.ToString(CultureInfo.InvariantCulture)); break;
            case JsonValue v when v.TryGetValue<double>(out var d): sb.Append(Float(d)); break;
            default: throw new ArgumentException($"cannot write {node.GetValueKind()} as Python JSON");
        }
    }

    /// <summary>float.__repr__: the shortest round-trip digits, ".0" on integral values, Python's exponent form.</summary>
    private static string Float(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "Infinity" : "-Infinity";
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        if (r.Contains('E'))
        {
            var parts = r.Split('E');
            var exp = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return $"{parts[0]}e{(exp < 0 ? "-" : "+")}{Math.Abs(exp):00}";
        }
        return r.Contains('.') ? r : r + ".0";
    }

    private static void String(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case < ' ': sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
