using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Config;

/// <summary>
/// An experiment's effective configuration: every schema key with its value and the place it came from, plus the
/// stages it asks for (`targets:`). Immutable once built.
/// </summary>
public sealed class ResolvedConfig(string experiment, IReadOnlyList<string> targets, SourceLocation targetsAt,
    IReadOnlyDictionary<string, ConfigEntry> values)
{
    public string Experiment { get; } = experiment;

    /// <summary>Stages to build (their upstream closure is built too). Empty = every declared stage.</summary>
    public IReadOnlyList<string> Targets { get; } = targets;

    public SourceLocation TargetsAt { get; } = targetsAt;

    public IReadOnlyDictionary<string, ConfigEntry> Values { get; } = values;

    /// <summary>Constraints that could not be checked before the stages run (e.g. a relation with an hf: model), in words.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>True when <paramref name="prefix"/> names a key or a group of keys.</summary>
    public bool HasPrefix(string prefix) => Values.Keys.Any(k => Covers(prefix, k));

    /// <summary>The keys under the dotted prefixes, as a nested JSON object (e.g. {"smoke": {"limit": 8}}).</summary>
    public JsonObject Slice(IEnumerable<string> prefixes, IEnumerable<string>? excluding = null)
    {
        var ex = excluding?.ToList() ?? [];
        var root = new JsonObject();
        foreach (var (key, entry) in Values.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!prefixes.Any(p => Covers(p, key)) || ex.Any(p => Covers(p, key))) continue;
            var parts = key.Split('.');
            var node = root;
            foreach (var part in parts[..^1])
                node = (JsonObject)(node[part] ??= new JsonObject());
            node[parts[^1]] = entry.Value.DeepClone();
        }
        return root;
    }

    /// <summary>The whole configuration as nested JSON (resolved.json).</summary>
    public JsonObject ToJson() => Slice([""]);

    public static bool Covers(string prefix, string key) =>
        prefix.Length == 0 || key == prefix || key.StartsWith(prefix + ".", StringComparison.Ordinal);
}
