using System.Text.Json.Nodes;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Pipeline;

namespace RefusalSae.Engine.Building;

/// <summary>One reason a stage's key differs from its last build, with the place to look when there is one.</summary>
public sealed record StaleReason(string Text, SourceLocation? At)
{
    public override string ToString() => At is null ? Text : $"{Text} at {At}";
}

/// <summary>
/// Explains a key change as a diff of the stage's inputs against its previous build: config keys (old → new, at the
/// YAML node that set the new value), stage version, upstream output hashes, dataset hashes, code identity.
/// </summary>
public static class Staleness
{
    public static IReadOnlyList<StaleReason> Explain(JsonObject? previous, JsonObject current, StageDeclaration stage, ResolvedConfig config)
    {
        if (previous is null) return [new StaleReason("never built in this experiment", null)];
        var reasons = new List<StaleReason>();
        if (Text(previous["version"]) != Text(current["version"]))
            reasons.Add(new($"stage version {Text(previous["version"])} → {Text(current["version"])}", stage.DeclaredAt));
        var before = Flatten(previous["config"] as JsonObject);
        var after = Flatten(current["config"] as JsonObject);
        foreach (var key in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var (o, n) = (before.GetValueOrDefault(key) ?? "(absent)", after.GetValueOrDefault(key) ?? "(absent)");
            if (o != n) reasons.Add(new($"config {key} {o} → {n}", config.Values.GetValueOrDefault(key)?.At));
        }
        Compare(reasons, previous["upstream"], current["upstream"], "upstream '{0}' output changed", null);
        Compare(reasons, previous["datasets"], current["datasets"], "dataset '{0}' changed", null);
        if (Text(previous["code"]) != Text(current["code"]))
            reasons.Add(new($"code reachable from the stage changed ({Short(previous["code"])} → {Short(current["code"])})", stage.DeclaredAt));
        return reasons;
    }

    private static void Compare(List<StaleReason> reasons, JsonNode? before, JsonNode? after, string format, SourceLocation? at)
    {
        // Hashes are JSON strings: compared and shown unquoted, so the short form is 8 hex digits, not a quote and 7.
        var b = (before as JsonObject)?.ToDictionary(kv => kv.Key, kv => Plain(kv.Value)) ?? [];
        var a = (after as JsonObject)?.ToDictionary(kv => kv.Key, kv => Plain(kv.Value)) ?? [];
        foreach (var name in b.Keys.Union(a.Keys).Order(StringComparer.Ordinal))
        {
            if (!b.TryGetValue(name, out var o)) reasons.Add(new(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, name) + " (new input)", at));
            else if (!a.TryGetValue(name, out var n)) reasons.Add(new(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, name) + " (input removed)", at));
            else if (o != n) reasons.Add(new(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, name) + $" ({o[..Math.Min(8, o.Length)]} → {n[..Math.Min(8, n.Length)]})", at));
        }
    }

    private static Dictionary<string, string> Flatten(JsonObject? o, string prefix = "", Dictionary<string, string>? into = null)
    {
        into ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (o is null) return into;
        foreach (var (k, v) in o)
        {
            var path = prefix.Length == 0 ? k : $"{prefix}.{k}";
            if (v is JsonObject sub) Flatten(sub, path, into);
            else into[path] = v?.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : Text(v);
        }
        return into;
    }

    private static string Text(JsonNode? n) => CanonicalJson.Serialize(n);

    private static string Plain(JsonNode? n) => n?.GetValueKind() == System.Text.Json.JsonValueKind.String ? n.GetValue<string>() : Text(n);

    private static string Short(JsonNode? n) { var t = n?.ToString() ?? ""; return t[..Math.Min(8, t.Length)]; }
}
