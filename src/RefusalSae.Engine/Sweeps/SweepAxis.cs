using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Sweeps;

/// <summary>One swept config key and its values, in the order written (the order of the points and of the figure's x axis).</summary>
public sealed record SweepAxis(string Key, IReadOnlyList<JsonNode> Values, SourceLocation At)
{
    /// <summary>The last segment of the key ("paper.jailbreak.clamp" → "clamp"): short enough for point names and headers.</summary>
    public string Leaf => Key[(Key.LastIndexOf('.') + 1)..];
}
