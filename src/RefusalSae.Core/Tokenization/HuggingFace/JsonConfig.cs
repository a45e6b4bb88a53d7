using System.Text.Json;

namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>Small typed accessors over tokenizer.json elements, with errors that name the file and the key.</summary>
internal readonly record struct JsonConfig(string File, string Where, JsonElement Element)
{
    public string Type => String("type");

    public bool Has(string key) =>
        Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonConfig Child(string key) =>
        Has(key) ? new JsonConfig(File, $"{Where}.{key}", Element.GetProperty(key)) : throw Error($"missing '{key}'");

    public string String(string key) =>
        Has(key) && Element.GetProperty(key).ValueKind == JsonValueKind.String
            ? Element.GetProperty(key).GetString()!
            : throw Error($"'{key}' must be a string");

    public string? OptionalString(string key) =>
        Has(key) && Element.GetProperty(key).ValueKind == JsonValueKind.String ? Element.GetProperty(key).GetString() : null;

    public bool Bool(string key, bool fallback) =>
        Has(key) ? Element.GetProperty(key).ValueKind == JsonValueKind.True : fallback;

    public int Int(string key, int fallback) => Has(key) ? Element.GetProperty(key).GetInt32() : fallback;

    public IEnumerable<JsonConfig> Items(string key)
    {
        var array = Child(key);
        if (array.Element.ValueKind != JsonValueKind.Array) throw Error($"'{key}' must be an array");
        var i = 0;
        foreach (var e in array.Element.EnumerateArray()) yield return new JsonConfig(File, $"{Where}.{key}[{i++}]", e);
    }

    /// <summary>A `pattern` object: {"String": "..."} is literal, {"Regex": "..."} a regular expression.</summary>
    public (string Text, bool IsRegex) Pattern(string key = "pattern")
    {
        var p = Child(key);
        if (p.OptionalString("String") is { } s) return (s, false);
        if (p.OptionalString("Regex") is { } r) return (r, true);
        throw p.Error("expected {\"String\": ...} or {\"Regex\": ...}");
    }

    public InvalidDataException Error(string what) => new($"{File}: {Where}: {what}.");

    public NotSupportedException Unsupported() =>
        new($"{File}: {Where}: type '{Type}' is not supported by this loader (supported types are listed in Tokenization/HuggingFace).");
}
