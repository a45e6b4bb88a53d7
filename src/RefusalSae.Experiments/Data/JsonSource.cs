using System.Text.Json;

namespace RefusalSae.Experiments.Data;

/// <summary>
/// JSON parsing that keeps line numbers: System.Text.Json's DOM drops positions, so a reader pass records where each
/// element of the top-level container starts, and every error can name its line.
/// </summary>
internal static class JsonSource
{
    private static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

    /// <summary>Parses a file whose root is an array; returns the elements and the 1-based line where each starts.</summary>
    public static (JsonDocument Doc, long[] Lines) ParseArray(string path)
    {
        var (doc, lines) = Parse(path);
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            throw new DataFormatException(path, 1, $"expected a JSON array at the root, found {doc.RootElement.ValueKind}");
        return (doc, lines);
    }

    /// <summary>Parses a file; Lines[i] is the line of the i-th child of the root (array element or object property).</summary>
    public static (JsonDocument Doc, long[] Lines) Parse(string path)
    {
        var bytes = TextSource.ReadBytes(path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes, Options); }
        catch (JsonException e) { throw new DataFormatException(path, (e.LineNumber ?? -1) + 1, $"malformed JSON: {e.Message}"); }
        return (doc, ChildLines(bytes));
    }

    /// <summary>Parses one JSON Lines record; errors name the file and line.</summary>
    public static JsonElement ParseLine(string path, long line, string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, Options);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new DataFormatException(path, line, $"expected a JSON object, found {doc.RootElement.ValueKind}");
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new DataFormatException(path, line, $"malformed JSON: {e.Message}"); }
    }

    public static string RequiredString(JsonElement obj, string name, string path, long line)
    {
        if (obj.ValueKind != JsonValueKind.Object)
            throw new DataFormatException(path, line, $"expected an object, found {obj.ValueKind}");
        if (!obj.TryGetProperty(name, out var v))
            throw new DataFormatException(path, line, $"missing field '{name}'");
        if (v.ValueKind != JsonValueKind.String)
            throw new DataFormatException(path, line, $"field '{name}' must be a string, found {v.ValueKind}");
        return v.GetString()!;
    }

    public static string? OptionalString(JsonElement obj, string name, string path, long line)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.String)
            throw new DataFormatException(path, line, $"field '{name}' must be a string or null, found {v.ValueKind}");
        return v.GetString();
    }

    private static long[] ChildLines(byte[] bytes)
    {
        var lines = new List<long>();
        var reader = new Utf8JsonReader(bytes);
        if (!reader.Read()) return [];
        var isObject = reader.TokenType == JsonTokenType.StartObject;
        if (!isObject && reader.TokenType != JsonTokenType.StartArray) return [];
        var newlines = 0L;
        var scanned = 0;
        while (reader.Read() && reader.CurrentDepth >= 1)
        {
            if (reader.CurrentDepth != 1) continue;
            if (reader.TokenType is JsonTokenType.EndArray or JsonTokenType.EndObject) break;
            var at = (int)reader.TokenStartIndex;
            newlines += bytes.AsSpan(scanned, at - scanned).Count((byte)'\n');
            scanned = at;
            lines.Add(newlines + 1);
            if (isObject) reader.Read();   // the value after the property name
            reader.Skip();
        }
        return [.. lines];
    }
}
