using System.Text.Json.Nodes;
using RefusalSae.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Engine.Sweeps;

/// <summary>
/// The `sweep:` block of an experiment YAML: `grid:` axes combine as a cartesian product, `zip:` axes are paired lists
/// (equal lengths) that together form one more axis of the product; `compare:` says what the comparison reads.
/// Every key must be a config key and every value must have its type, checked with YAML locations before any point
/// builds (RSW080–RSW069).
/// </summary>
public sealed record SweepSpec(IReadOnlyList<SweepAxis> Grid, IReadOnlyList<SweepAxis> Zip, SweepComparisonSpec? Compare, SourceLocation At)
{
    public const string BlockName = "sweep";

    public IEnumerable<SweepAxis> Axes => Grid.Concat(Zip);

    /// <summary>Every point, grid axes varying slowest-first in the order written, the zip as the last axis.</summary>
    public IReadOnlyList<SweepPoint> Points()
    {
        IEnumerable<IReadOnlyList<(SweepAxis, JsonNode)>> combos = [[]];
        foreach (var axis in Grid)
            combos = combos.SelectMany(c => axis.Values.Select(v => (IReadOnlyList<(SweepAxis, JsonNode)>)[.. c, (axis, v)]));
        if (Zip.Count > 0)
        {
            var n = Zip[0].Values.Count;
            combos = combos.SelectMany(c => Enumerable.Range(0, n)
                .Select(i => (IReadOnlyList<(SweepAxis, JsonNode)>)[.. c, .. Zip.Select(a => (a, a.Values[i]))]));
        }
        return combos.Select(c => new SweepPoint(SweepPoint.MakeId(c), c)).ToList();
    }

    /// <summary>The sweep of experiments/NAME.yaml, or null when the file has no `sweep:` block.</summary>
    public static SweepSpec? Load(string repoRoot, string experiment, ConfigSchema schema)
    {
        var display = ExperimentLoader.Display(experiment);
        var path = Path.Combine(repoRoot, "experiments", experiment + ".yaml");
        if (!File.Exists(path)) return null;   // the experiment's own loading reports the missing file (RSW002)
        var root = YamlFile.LoadMapping(path, display);
        var entry = YamlFile.Entries(root, display).FirstOrDefault(e => e.Key == BlockName);
        return entry.Value is null ? null : Read(entry.Value, SourceLocation.Of(display, entry.KeyNode), schema, display);
    }

    public static SweepSpec Read(YamlNode node, SourceLocation at, ConfigSchema schema, string display)
    {
        if (node is not YamlMappingNode map)
            throw Error("RSW080", $"sweep: expects a mapping with grid:, zip: and compare:, got {ScalarParser.Describe(node)}", display, node);
        List<SweepAxis> grid = [], zip = [];
        SweepComparisonSpec? compare = null;
        foreach (var (name, keyNode, value) in YamlFile.Entries(map, display))
        {
            switch (name)
            {
                case "grid": grid = ReadAxes(value, "grid", schema, display); break;
                case "zip": zip = ReadAxes(value, "zip", schema, display); break;
                case "compare": compare = SweepComparisonSpec.Read(value, display); break;
                default:
                    throw Error("RSW080", $"unknown sweep entry '{name}'{DidYouMean.Suffix(name, ["grid", "zip", "compare"])} (expected grid, zip, compare)", display, keyNode);
            }
        }
        if (grid.Count + zip.Count == 0)
            throw new WorkflowException("RSW081", "sweep: names no axis; give grid: or zip: with at least one key", at);
        foreach (var twice in grid.Select(a => a.Key).Intersect(zip.Select(a => a.Key)))
            throw new WorkflowException("RSW082", $"sweep: '{twice}' is in both grid: and zip:", zip.First(a => a.Key == twice).At);
        if (zip.Count > 1 && zip.FirstOrDefault(a => a.Values.Count != zip[0].Values.Count) is { } ragged)
            throw new WorkflowException("RSW083", $"sweep.zip: '{ragged.Key}' has {ragged.Values.Count} values but '{zip[0].Key}' has {zip[0].Values.Count}; zipped lists pair up and must have equal lengths", ragged.At);
        var spec = new SweepSpec(grid, zip, compare, at);
        if (compare?.X is { } x && spec.Axes.All(a => a.Key != x.Key))
            throw new WorkflowException("RSW084", $"sweep.compare.x: '{x.Key}' is not a swept key (swept: {string.Join(", ", spec.Axes.Select(a => a.Key))})", x.At);
        var ids = spec.Points().GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (ids is not null)
            throw new WorkflowException("RSW082", $"sweep: two points are both named '{ids.Key}' (a value is repeated, or two swept keys share a last segment and values)", at);
        return spec;
    }

    private static List<SweepAxis> ReadAxes(YamlNode node, string block, ConfigSchema schema, string display)
    {
        if (node is not YamlMappingNode map)
            throw Error("RSW080", $"sweep.{block}: expects a mapping of config key → list of values, got {ScalarParser.Describe(node)}", display, node);
        var axes = new List<SweepAxis>();
        foreach (var (key, keyNode, value) in YamlFile.Entries(map, display))
        {
            if (!schema.Keys.TryGetValue(key, out var configKey))
            {
                var hint = schema.IsGroup(key) ? $" ('{key}' is a group; sweep one of its keys: {string.Join(", ", schema.ChildrenOf(key).Order().Select(c => $"{key}.{c}"))})" : DidYouMean.Suffix(key, schema.Keys.Keys);
                throw Error("RSW085", $"sweep.{block}: unknown config key '{key}'{hint}", display, keyNode);
            }
            if (value is not YamlSequenceNode seq)
                throw Error("RSW086", $"sweep.{block}.{key}: expects a list of values ({ConfigKinds.Name(configKey.Kind)} each), got {ScalarParser.Describe(value)}", display, value);
            if (seq.Children.Count == 0)
                throw Error("RSW087", $"sweep.{block}.{key}: the list of values is empty; a swept key needs at least one value", display, value);
            var values = new List<JsonNode>();
            foreach (var item in seq.Children)
                values.Add(ScalarParser.Read(item, configKey.Kind)
                    ?? throw Error("RSW086", $"sweep.{block}.{key}: expects {ConfigKinds.Name(configKey.Kind)} values, got {ScalarParser.Describe(item)}", display, item));
            var texts = values.Select(v => CanonicalJson.Serialize(v)).ToList();
            if (texts.Distinct().Count() != texts.Count)
                throw Error("RSW082", $"sweep.{block}.{key}: a value is listed twice", display, value);
            axes.Add(new SweepAxis(key, values, SourceLocation.Of(display, keyNode)));
        }
        return axes;
    }

    private static WorkflowException Error(string code, string message, string display, YamlNode node) =>
        new(code, message, SourceLocation.Of(display, node));
}
