using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Config;

/// <summary>
/// The one serialization that keys are computed over: object keys sorted ordinally, no whitespace, numbers in the
/// invariant culture with round-trip precision (integers stay integers), UTF-8. Never GetHashCode().
/// </summary>
public static class CanonicalJson
{
    public static string Serialize(JsonNode? node, bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
            Write(w, node);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter w, JsonNode? node)
    {
        switch (node)
        {
            case null:
                w.WriteNullValue();
                break;
            case JsonObject o:
                w.WriteStartObject();
                foreach (var (k, v) in o.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    w.WritePropertyName(k);
                    Write(w, v);
                }
                w.WriteEndObject();
                break;
            case JsonArray a:
                w.WriteStartArray();
                foreach (var v in a) Write(w, v);
                w.WriteEndArray();
                break;
            case JsonValue v:
                WriteValue(w, v);
                break;
        }
    }

    private static void WriteValue(Utf8JsonWriter w, JsonValue v)
    {
        if (v.TryGetValue<long>(out var l)) w.WriteNumberValue(l);
        else if (v.TryGetValue<int>(out var i)) w.WriteNumberValue(i);
        else if (v.TryGetValue<double>(out var d)) w.WriteNumberValue(d);
        else if (v.TryGetValue<bool>(out var b)) w.WriteBooleanValue(b);
        else if (v.TryGetValue<string>(out var s)) w.WriteStringValue(s);
        else
        {
            // A value parsed from JSON text (JsonElement): re-read it through its kind.
            var e = v.GetValue<JsonElement>();
            switch (e.ValueKind)
            {
                case JsonValueKind.Number when e.TryGetInt64(out var el): w.WriteNumberValue(el); break;
                case JsonValueKind.Number: w.WriteNumberValue(e.GetDouble()); break;
                case JsonValueKind.String: w.WriteStringValue(e.GetString()); break;
                case JsonValueKind.True or JsonValueKind.False: w.WriteBooleanValue(e.GetBoolean()); break;
                default: w.WriteNullValue(); break;
            }
        }
    }
}
