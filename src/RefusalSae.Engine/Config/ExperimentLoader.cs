using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Engine.Config;

/// <summary>
/// Reads experiments/NAME.yaml onto the defaults: `extends: OTHER` (experiments/OTHER.yaml) first, then this file,
/// then `-p:Set="a.b=5;c=x"` overrides. Top-level `targets:` lists the stages to build, `description:` is free text;
/// every other key must exist in defaults.yaml with the same type, and every value must meet the constraint declared
/// with its key (<see cref="ConfigValidator"/>). All errors carry file(line,col); a -p:Set entry is placed at
/// `-p:Set(ENTRY,COLUMN)`: its number among the entries and where it starts in the -p:Set text.
/// </summary>
public sealed class ExperimentLoader(string repoRoot, ConfigSchema schema, ISet<string>? knownStages = null)
{
    public const string OverridesSource = "-p:Set";

    public ResolvedConfig Load(string experiment, string? overrides = null)
    {
        var values = schema.Keys.Values.Where(k => !k.Required)
            .ToDictionary(k => k.Path, k => new ConfigEntry(k.Default!.DeepClone(), k.DeclaredAt), StringComparer.Ordinal);
        var (targets, targetsAt) = Apply(experiment, values, [], null);
        ApplyOverrides(overrides, values);
        var entry = Display(experiment);
        foreach (var key in schema.Keys.Values.Where(k => k.Required && !values.ContainsKey(k.Path)))
            throw new WorkflowException("RSW013", $"missing required value '{key.Path}' ({ConfigKinds.Name(key.Kind)}, declared at {key.DeclaredAt}); set it in {entry} or with -p:Set=\"{key.Path}=...\"", new SourceLocation(entry, 1, 1));
        var notes = new ConfigValidator(schema, values, repoRoot).Validate();
        return new ResolvedConfig(experiment, targets ?? [], targetsAt ?? new SourceLocation(entry, 0, 0), values) { Notes = notes };
    }

    public static string Display(string experiment) => $"experiments/{experiment}.yaml";

    private (IReadOnlyList<string>?, SourceLocation?) Apply(string experiment, Dictionary<string, ConfigEntry> values, List<string> chain, SourceLocation? from)
    {
        var display = Display(experiment);
        var path = Path.Combine(repoRoot, "experiments", experiment + ".yaml");
        if (chain.Contains(experiment))
            throw new WorkflowException("RSW014", $"extends cycle: {string.Join(" → ", chain.Append(experiment))}", from);
        if (!File.Exists(path))
            throw new WorkflowException("RSW002", $"experiment file not found: {display}", from ?? new SourceLocation(display, 0, 0));
        chain.Add(experiment);
        var root = YamlFile.LoadMapping(path, display);
        IReadOnlyList<string>? targets = null;
        SourceLocation? targetsAt = null;
        if (root.Children.TryGetValue(new YamlScalarNode("extends"), out var ext))
        {
            if (ext is not YamlScalarNode { Value: { Length: > 0 } baseName } || baseName.Contains('/') || baseName.EndsWith(".yaml", StringComparison.Ordinal))
                throw new WorkflowException("RSW016", "extends: expects an experiment name (experiments/NAME.yaml without folder or extension)", SourceLocation.Of(display, ext));
            (targets, targetsAt) = Apply(baseName, values, chain, SourceLocation.Of(display, ext));
        }
        foreach (var (key, keyNode, value) in YamlFile.Entries(root, display))
        {
            switch (key)
            {
                case "extends": break;
                case "sweep": break;   // the sweep's points are read by Sweeps/SweepSpec; a point is this file plus overrides
                case "description":
                    if (value is not YamlScalarNode) throw Error("RSW011", "description: expects text", display, value);
                    break;
                case "targets":
                    targets = ReadTargets(value, display);
                    targetsAt = SourceLocation.Of(display, keyNode);
                    break;
                default:
                    Merge(key, keyNode, value, display, values);
                    break;
            }
        }
        return (targets, targetsAt);
    }

    private List<string> ReadTargets(YamlNode value, string display)
    {
        if (value is not YamlSequenceNode seq)
            throw Error("RSW011", $"targets: expects a list of stage names, got {ScalarParser.Describe(value)}", display, value);
        var list = new List<string>();
        foreach (var item in seq.Children)
        {
            if (item is not YamlScalarNode { Value: { Length: > 0 } name })
                throw Error("RSW011", "targets: expects stage names", display, item);
            if (knownStages is not null && !knownStages.Contains(name))
                throw Error("RSW017", $"unknown stage '{name}' in targets{DidYouMean.Suffix(name, knownStages)}", display, item);
            list.Add(name);
        }
        return list;
    }

    private void Merge(string path, YamlNode keyNode, YamlNode value, string display, Dictionary<string, ConfigEntry> values)
    {
        if (schema.IsGroup(path))
        {
            if (value is not YamlMappingNode map)
                throw Error("RSW012", $"'{path}' is a group of keys ({string.Join(", ", schema.ChildrenOf(path).Order())}); expected a mapping, got {ScalarParser.Describe(value)}", display, value);
            foreach (var (k, kn, v) in YamlFile.Entries(map, display))
                Merge($"{path}.{k}", kn, v, display, values);
            return;
        }
        if (!schema.Keys.TryGetValue(path, out var key))
        {
            var parent = path.Contains('.') ? path[..path.LastIndexOf('.')] : "";
            var leaf = path[(parent.Length == 0 ? 0 : parent.Length + 1)..];
            var known = parent.Length == 0 ? schema.ChildrenOf(parent).Concat(["extends", "targets", "description"]) : schema.ChildrenOf(parent);
            throw Error("RSW010", $"unknown key '{path}'{DidYouMean.Suffix(leaf, known)}", display, keyNode);
        }
        values[path] = new ConfigEntry(Typed(key, value, display), SourceLocation.Of(display, value));
    }

    private static JsonNode Typed(ConfigKey key, YamlNode value, string display) =>
        ScalarParser.Read(value, key.Kind)
        ?? throw Error("RSW011", $"'{key.Path}' expects {ConfigKinds.Name(key.Kind)}, got {ScalarParser.Describe(value)}", display, value);

    private void ApplyOverrides(string? overrides, Dictionary<string, ConfigEntry> values)
    {
        if (string.IsNullOrWhiteSpace(overrides)) return;
        var index = 0;
        var offset = 0;
        foreach (var part in overrides.Split(';'))
        {
            var start = offset + part.Length - part.TrimStart().Length;
            offset += part.Length + 1;
            var raw = part.Trim();
            if (raw.Length == 0) continue;
            // Line = the entry's number, column = where it starts in the -p:Set text: the place to look when several are set.
            var at = new SourceLocation(OverridesSource, ++index, start + 1);
            var eq = raw.IndexOf('=');
            if (eq <= 0)
                throw new WorkflowException("RSW015", $"override '{raw}' is not KEY=VALUE", at);
            var path = raw[..eq].Trim();
            var text = raw[(eq + 1)..].Trim();
            if (!schema.Keys.TryGetValue(path, out var key))
                throw new WorkflowException("RSW010", $"unknown key '{path}' in -p:Set{DidYouMean.Suffix(path, schema.Keys.Keys)}", at);
            var node = ParseFlow(text, raw, at);
            values[path] = new ConfigEntry(ScalarParser.Read(node, key.Kind)
                ?? throw new WorkflowException("RSW011", $"-p:Set '{path}' expects {ConfigKinds.Name(key.Kind)}, got {ScalarParser.Describe(node)}", at), at);
        }
    }

    private static YamlNode ParseFlow(string text, string raw, SourceLocation at)
    {
        var stream = new YamlStream();
        try { stream.Load(new StringReader(text.Length == 0 ? "''" : text)); }
        catch (YamlDotNet.Core.YamlException e) { throw new WorkflowException("RSW015", $"override '{raw}': {e.Message}", at); }
        return stream.Documents[0].RootNode;
    }

    private static WorkflowException Error(string code, string message, string display, YamlNode node) =>
        new(code, message, SourceLocation.Of(display, node));
}
