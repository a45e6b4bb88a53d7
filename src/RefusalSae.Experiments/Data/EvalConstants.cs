using System.Text.Json;

namespace RefusalSae.Experiments.Data;

/// <summary>
/// The paper code's in-line constants, extracted verbatim into <c>refusal_sae/extracted/eval_constants.json</c>
/// (catalog format <c>eval-constants-json</c>): <c>{"entries": {name: {"kind", "value", ...}}}</c>. Read at run
/// time so that no list is copied into code.
/// </summary>
public sealed class EvalConstants
{
    public const string Format = "eval-constants-json";

    private readonly Dictionary<string, JsonElement> _values;

    private EvalConstants(string path, Dictionary<string, JsonElement> values) { SourcePath = path; _values = values; }

    public string SourcePath { get; }

    public IReadOnlyCollection<string> Names => _values.Keys;

    public static EvalConstants Load(string path)
    {
        var (doc, lines) = JsonSource.Parse(path);
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("entries", out var entries)
                || entries.ValueKind != JsonValueKind.Object)
                throw new DataFormatException(path, 1, "expected an object with an 'entries' object");
            var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var entry in entries.EnumerateObject())
            {
                if (!entry.Value.TryGetProperty("value", out var value))
                    throw new DataFormatException(path, 0, $"entry '{entry.Name}' has no 'value'");
                values[entry.Name] = value.Clone();
            }
            return new EvalConstants(path, values);
        }
    }

    public string String(string name)
    {
        var v = Get(name);
        return v.ValueKind == JsonValueKind.String ? v.GetString()!
            : throw new DataFormatException(SourcePath, 0, $"entry '{name}' must be a string, found {v.ValueKind}");
    }

    public IReadOnlyList<string> StringList(string name)
    {
        var v = Get(name);
        if (v.ValueKind != JsonValueKind.Array || v.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            throw new DataFormatException(SourcePath, 0, $"entry '{name}' must be a list of strings");
        return [.. v.EnumerateArray().Select(e => e.GetString()!)];
    }

    private JsonElement Get(string name) =>
        _values.TryGetValue(name, out var v) ? v
            : throw new DataFormatException(SourcePath, 0, $"no entry '{name}' (have: {string.Join(", ", _values.Keys)})");
}
