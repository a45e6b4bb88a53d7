using System.Text.Json;

namespace RefusalSae.Core.Saes.Loading;

/// <summary>Typed reads from an SAE config JSON whose errors name the file and the key.</summary>
internal sealed class JsonFields(string file, JsonElement root)
{
    public string File => file;

    public static JsonFields Parse(string file)
    {
        if (!System.IO.File.Exists(file)) throw new FileNotFoundException($"{file}: SAE config not found.", file);
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(file));
            return new JsonFields(file, doc.RootElement.Clone());
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: invalid JSON: {e.Message}", e);
        }
    }

    public bool Has(string key) => root.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null;

    public JsonElement Get(string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind != JsonValueKind.Null
            ? v
            : throw new InvalidDataException($"{file}: missing key '{key}'.");

    public long Long(string key)
    {
        var v = Get(key);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l
            : throw new InvalidDataException($"{file}: key '{key}' must be an integer, got {v.GetRawText()}.");
    }

    public double Double(string key, JsonElement? from = null)
    {
        var v = from ?? Get(key);
        return v.ValueKind == JsonValueKind.Number ? v.GetDouble()
            : throw new InvalidDataException($"{file}: key '{key}' must be a number, got {v.GetRawText()}.");
    }

    public string String(string key)
    {
        var v = Get(key);
        return v.ValueKind == JsonValueKind.String ? v.GetString()!
            : throw new InvalidDataException($"{file}: key '{key}' must be a string, got {v.GetRawText()}.");
    }

    public string? StringOr(string key, string? fallback) => Has(key) ? String(key) : fallback;

    public bool Bool(string key, bool fallback)
    {
        if (!Has(key)) return fallback;
        var v = Get(key);
        return v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean()
            : throw new InvalidDataException($"{file}: key '{key}' must be true or false, got {v.GetRawText()}.");
    }
}
