using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Engine.Config;

/// <summary>
/// The schema and defaults, both read from experiments/defaults.yaml: every leaf is a key whose type is the type of
/// its default. A key without a default is written `key: !required TYPE` (TYPE: int, float, bool, string, ints,
/// floats, strings); an empty list default needs its type as a tag: `ids: !ints []`. A key with a constraint is
/// written `key: !key {default: 1, min: 1}` (<see cref="KeyCheckReader"/>); the constraints are checked by
/// <see cref="ConfigValidator"/> once an experiment is resolved.
/// </summary>
public sealed class ConfigSchema
{
    private readonly Dictionary<string, ConfigKey> _keys;
    private readonly HashSet<string> _groups;

    private ConfigSchema(Dictionary<string, ConfigKey> keys, HashSet<string> groups) { _keys = keys; _groups = groups; }

    public IReadOnlyDictionary<string, ConfigKey> Keys => _keys;

    public bool IsGroup(string path) => _groups.Contains(path);

    /// <summary>Direct children names (keys and groups) of a group path ("" = top level).</summary>
    public IEnumerable<string> ChildrenOf(string group) =>
        _keys.Keys.Concat(_groups)
            .Where(p => group.Length == 0 ? !p.Contains('.') : p.StartsWith(group + ".", StringComparison.Ordinal) && !p[(group.Length + 1)..].Contains('.'))
            .Select(p => group.Length == 0 ? p : p[(group.Length + 1)..]);

    public static ConfigSchema Load(string path, string display)
    {
        var keys = new Dictionary<string, ConfigKey>(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.Ordinal);
        Walk(YamlFile.LoadMapping(path, display), "", display, keys, groups);
        CheckReferences(keys);
        return new ConfigSchema(keys, groups);
    }

    /// <summary>A relation may read numeric keys and model.FIELD only; a typo there would silently disable the check.</summary>
    private static void CheckReferences(Dictionary<string, ConfigKey> keys)
    {
        foreach (var key in keys.Values.Where(k => k.Check is not null))
        {
            var c = key.Check!;
            foreach (var bound in new[] { c.Min, c.Max, c.Above, c.Below }.OfType<BoundExpression>())
                foreach (var r in bound.References.Where(r => !r.StartsWith(BoundExpression.ModelPrefix, StringComparison.Ordinal)))
                    if (!keys.TryGetValue(r, out var other) || other.Kind is not (ConfigKind.Int or ConfigKind.Float))
                        throw new WorkflowException("RSW022", $"'{key.Path}': the bound '{bound}' reads '{r}', which is not a numeric key{DidYouMean.Suffix(r, keys.Keys)}", key.DeclaredAt);
            if (c.Min is not null || c.Max is not null || c.Above is not null || c.Below is not null)
                if (key.Kind is not (ConfigKind.Int or ConfigKind.Float or ConfigKind.Ints or ConfigKind.Floats))
                    throw new WorkflowException("RSW022", $"'{key.Path}': min/max/above/below need a numeric key, this one is {ConfigKinds.Name(key.Kind)}", key.DeclaredAt);
        }
    }

    private static void Walk(YamlMappingNode map, string prefix, string display, Dictionary<string, ConfigKey> keys, HashSet<string> groups)
    {
        foreach (var (name, keyNode, value) in YamlFile.Entries(map, display))
        {
            var path = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (name.Contains('.') || name is "extends" or "targets" or "description" or "sweep" && prefix.Length == 0)
                throw new WorkflowException("RSW020", $"'{name}' cannot be a config key (dots and the top-level names extends/targets/description/sweep are reserved)", SourceLocation.Of(display, keyNode));
            if (value is YamlMappingNode sub && sub.Tag.IsEmpty)
            {
                groups.Add(path);
                Walk(sub, path, display, keys, groups);
                continue;
            }
            keys[path] = ReadKey(path, value, SourceLocation.Of(display, keyNode), display);
        }
    }

    private static ConfigKey ReadKey(string path, YamlNode value, SourceLocation at, string display)
    {
        var tag = value.Tag.IsEmpty ? null : value.Tag.Value.TrimStart('!');
        if (tag == "key")
            return ReadChecked(path, value, at, display);
        if (tag == "required")
        {
            var typeName = (value as YamlScalarNode)?.Value ?? "";
            var kind = ConfigKinds.Parse(typeName)
                ?? throw new WorkflowException("RSW021", $"'{path}': !required needs a type (int, float, bool, string, ints, floats, strings), got '{typeName}'", SourceLocation.Of(display, value));
            return new ConfigKey(path, kind, null, at);
        }
        ConfigKind? k = tag is null ? Infer(value) : ConfigKinds.Parse(tag);
        if (k is not { } resolved)
            throw new WorkflowException("RSW021", $"'{path}': cannot tell the type of this default; give a value, a type tag (!ints []), or !required TYPE", SourceLocation.Of(display, value));
        var def = ScalarParser.Read(value, resolved)
            ?? throw new WorkflowException("RSW021", $"'{path}': the default is not a valid {ConfigKinds.Name(resolved)}", SourceLocation.Of(display, value));
        return new ConfigKey(path, resolved, def, at);
    }

    private static ConfigKey ReadChecked(string path, YamlNode value, SourceLocation at, string display)
    {
        if (value is not YamlMappingNode map)
            throw new WorkflowException("RSW022", $"'{path}': !key expects a mapping {{default: VALUE, min: .., ...}}", SourceLocation.Of(display, value));
        var (defNode, type, check) = KeyCheckReader.Read(path, map, display);
        if (defNode is null)
        {
            if (type is not { } required)
                throw new WorkflowException("RSW022", $"'{path}': a !key without a default needs type: (the key is then required)", SourceLocation.Of(display, value));
            return new ConfigKey(path, required, null, at, check);
        }
        if (type is { } t)
        {
            var def = ScalarParser.Read(defNode, t)
                ?? throw new WorkflowException("RSW021", $"'{path}': the default is not a valid {ConfigKinds.Name(t)}", SourceLocation.Of(display, defNode));
            return new ConfigKey(path, t, def, at, check);
        }
        return ReadKey(path, defNode, at, display) with { Check = check };
    }

    private static ConfigKind? Infer(YamlNode value) => value switch
    {
        YamlScalarNode s => ScalarParser.Infer(s),
        YamlSequenceNode { Children.Count: > 0 } seq when seq.Children[0] is YamlScalarNode first => ScalarParser.Infer(first) switch
        {
            ConfigKind.Int when seq.Children.All(c => c is YamlScalarNode s && ScalarParser.Infer(s) == ConfigKind.Int) => ConfigKind.Ints,
            ConfigKind.Int or ConfigKind.Float => ConfigKind.Floats,
            ConfigKind.String or ConfigKind.Bool => ConfigKind.Strings,
            _ => null,
        },
        _ => null,
    };

    internal static JsonNode Clone(JsonNode n) => n.DeepClone();
}
