using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Config;

/// <summary>
/// Checks every resolved value against the constraint declared with its key (<see cref="KeyCheck"/>), for the whole
/// experiment and before any stage runs, so a bad value fails in a second at the line that set it rather than hours
/// later inside a stage. Errors name the value's place (experiment YAML, -p:Set entry or defaults.yaml) and what is
/// allowed. A relation with the studied model reads only its config.json (a local snapshot) or the config keys its
/// building stage reads (the toy); one it cannot know yet (an hf: model is not downloaded here) is deferred with a note.
/// </summary>
public sealed class ConfigValidator(ConfigSchema schema, IReadOnlyDictionary<string, ConfigEntry> values, string repoRoot)
{
    private readonly List<string> _notes = [];
    private (string Describe, JsonObject? Config, string? Deferred)? _model;

    /// <summary>Throws the first violation (in declaration order); returns notes about checks deferred to the stage.</summary>
    public IReadOnlyList<string> Validate()
    {
        foreach (var key in schema.Keys.Values)
            if (key.Check is { } check && values.TryGetValue(key.Path, out var entry))
                Check(key, check, entry);
        return _notes;
    }

    private void Check(ConfigKey key, KeyCheck check, ConfigEntry entry)
    {
        var items = entry.Value is JsonArray a ? a.Select(n => n!).ToList() : [entry.Value];
        if (check.NonEmpty && (entry.Value is JsonArray { Count: 0 } || entry.Value.GetValueKind() == JsonValueKind.String && entry.Value.GetValue<string>().Length == 0))
            throw Error("RSW032", key, entry, $"is empty; expected {(entry.Value is JsonArray ? "at least one value" : "a value")}");
        if (check.MaxItems is { } max && entry.Value is JsonArray list && list.Count > max)
            throw Error("RSW032", key, entry, $"has {list.Count} values; expected at most {max}");
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var which = entry.Value is JsonArray ? $"[{i}] = {Show(item)}" : $" = {Show(item)}";
            if (check.OneOf is { } allowed && !allowed.Any(v => v.ToString() == Text(item)))
                throw Error("RSW031", key, entry, $"{which}: expected one of {string.Join(", ", allowed.Select(v => v.ToString()))}", prefix: false);
            if (check.Format is { } f && item.GetValueKind() == JsonValueKind.String && item.GetValue<string>() is { Length: > 0 } s
                && ValueFormats.Problem(f, s, repoRoot) is { } problem)
                throw Error(FormatCode(f, s), key, entry, $"{which} {problem}; expected {ValueFormats.Describe(f)}", prefix: false);
            if (Number(item) is { } n)
            {
                Bound(key, entry, which, n, check.Min, (v, b) => v >= b, "≥");
                Bound(key, entry, which, n, check.Above, (v, b) => v > b, ">");
                Bound(key, entry, which, n, check.Max, (v, b) => v <= b, "≤");
                Bound(key, entry, which, n, check.Below, (v, b) => v < b, "<");
            }
        }
    }

    private static string FormatCode(ValueFormat f, string value) => f switch
    {
        ValueFormat.Url => "RSW033",
        ValueFormat.Device => "RSW036",
        ValueFormat.Location when ValueFormats.IsHub(value) => "RSW034",
        _ => "RSW035",
    };

    private void Bound(ConfigKey key, ConfigEntry entry, string which, double value, BoundExpression? bound, Func<double, double, bool> ok, string op)
    {
        if (bound is null) return;
        string? deferred = null;
        var limit = bound.Evaluate(term =>
        {
            if (term.StartsWith(BoundExpression.ModelPrefix, StringComparison.Ordinal))
            {
                var (field, v, why) = ModelField(key, term[BoundExpression.ModelPrefix.Length..]);
                deferred ??= why;
                _ = field;
                return v;
            }
            return values.TryGetValue(term, out var e) ? Number(e.Value) : null;
        });
        if (limit is not { } b)
        {
            _notes.Add($"'{key.Path}' {op} {bound}: not checked before the stages run ({deferred ?? "a term has no value"}); the stage checks it");
            return;
        }
        if (ok(value, b)) return;
        var how = bound.IsNumber ? "" : $" = {Show(b)} ({Explain(bound)})";
        throw Error("RSW030", key, entry, $"{which}: expected {op} {bound}{how}", prefix: false);
    }

    /// <summary>Where each term of a relation came from, so the user sees which value to change.</summary>
    private string Explain(BoundExpression bound) => string.Join("; ", bound.References.Select(r =>
        r.StartsWith(BoundExpression.ModelPrefix, StringComparison.Ordinal)
            ? $"{r} of {_model?.Describe}"
            : $"{r} = {Show(values[r].Value)} at {values[r].At}"));

    private (string Field, double? Value, string? Deferred) ModelField(ConfigKey asking, string field)
    {
        _model ??= FindModel();
        var (describe, config, deferred) = _model.Value;
        if (config is null) return (field, null, deferred);
        var node = config[field] ?? (config["text_config"] as JsonObject)?[field];
        if (node is null || Number(node) is not { } v)
            throw new WorkflowException("RSW038", $"'{asking.Path}' needs {field} of {describe}, which has none", values[asking.Path].At);
        return (field, v, null);
    }

    /// <summary>The studied model: a set location (snapshot folder or hf:) wins over the stage that builds one.</summary>
    private (string, JsonObject?, string?) FindModel()
    {
        var sources = schema.Keys.Values.Where(k => k.Check?.ModelSource is not null).ToList();
        foreach (var k in sources.Where(k => k.Check!.ModelSource!.IsLocation))
        {
            var entry = values[k.Path];
            var location = Text(entry.Value);
            if (location.Length == 0) continue;
            var describe = $"the model {k.Path} = {location} at {entry.At}";
            if (ValueFormats.IsHub(location))
                return (describe, null, $"{k.Path} is an hf: location, whose config.json is fetched only when a stage needs the model");
            var folder = ValueFormats.ResolvePath(location, repoRoot)
                ?? throw new WorkflowException("RSW035", $"'{k.Path}' = {location} does not exist; expected a Hugging Face snapshot folder or hf:owner/repo", entry.At);
            var file = Directory.Exists(folder) ? Path.Combine(folder, "config.json") : folder;
            try { return (describe, JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new JsonException("not an object"), null); }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
            {
                throw new WorkflowException("RSW038", $"'{k.Path}' = {location}: cannot read {file} ({e.Message}); expected a snapshot with config.json", entry.At);
            }
        }
        foreach (var k in sources.Where(k => !k.Check!.ModelSource!.IsLocation))
        {
            var entry = values[k.Path];
            var stage = Text(entry.Value);
            if (stage.Length == 0) continue;
            var describe = $"the model built by {k.Path} = {stage} at {entry.At}";
            if (!k.Check!.ModelSource!.StagePrefixes.TryGetValue(stage, out var prefix))
                return (describe, null, $"stage '{stage}' builds a model whose config is not declared with {k.Path}");
            var config = new JsonObject();
            foreach (var (path, e) in values.Where(v => ResolvedConfig.Covers(prefix, v.Key)))
                config[path[(prefix.Length + 1)..]] = e.Value.DeepClone();
            return ($"{describe} (its config: {prefix}.*)", config, null);
        }
        return ("no model", null, "no model is named");
    }

    private WorkflowException Error(string code, ConfigKey key, ConfigEntry entry, string message, bool prefix = true)
    {
        var what = prefix ? $"'{key.Path}' = {Show(entry.Value)} {message}" : $"'{key.Path}'{message}";
        return new WorkflowException(code, $"{what} ({key.Check!.Describe()}; declared at {key.DeclaredAt})", entry.At);
    }

    internal static double? Number(JsonNode? n)
    {
        if (n is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var l)) return l;
        if (v.TryGetValue<double>(out var d)) return d;
        if (v.TryGetValue<JsonElement>(out var e) && e.ValueKind == JsonValueKind.Number) return e.GetDouble();
        return null;
    }

    private static string Text(JsonNode? n) => n?.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : n?.ToJsonString() ?? "";

    private static string Show(JsonNode? n) => n?.GetValueKind() == JsonValueKind.String ? $"'{n.GetValue<string>()}'" : n?.ToJsonString() ?? "null";

    private static string Show(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
