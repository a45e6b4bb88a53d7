using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Config;

/// <summary>One leaf of the schema: dotted path, type, default (null when required), where it is declared, its constraint.</summary>
public sealed record ConfigKey(string Path, ConfigKind Kind, JsonNode? Default, SourceLocation DeclaredAt, KeyCheck? Check = null)
{
    public bool Required => Default is null;
}

/// <summary>One effective value and the place it came from (defaults.yaml, an experiment file, or `-p:Set`).</summary>
public sealed record ConfigEntry(JsonNode Value, SourceLocation At);
