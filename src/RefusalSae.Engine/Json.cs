using System.Text.Json;

namespace RefusalSae.Engine;

/// <summary>Serializer settings for the engine's own files (manifests, requests, last-run.json): snake_case, indented.</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };
}
