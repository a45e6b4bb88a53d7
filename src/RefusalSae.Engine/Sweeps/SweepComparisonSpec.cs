using System.Text.RegularExpressions;
using RefusalSae.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Engine.Sweeps;

/// <summary>
/// What a sweep's comparison reads from every point: one JSON file a stage writes (`file: STAGE/NAME.json`) and named
/// metrics given as dotted paths into it, whose `{placeholder}` segments match any member and become table columns
/// (`metrics.{method}.{set}.asr`). The figures plot each metric against <see cref="X"/>, one line per value of
/// <see cref="Series"/>, averaging over the other placeholders.
/// </summary>
public sealed partial record SweepComparisonSpec(string Stage, string File, IReadOnlyList<(string Name, string[] Path)> Metrics,
    IReadOnlyList<string> Placeholders, (string Key, SourceLocation At)? X, string? Series)
{
    [GeneratedRegex(@"^\{([A-Za-z_][A-Za-z0-9_]*)\}$")] private static partial Regex Placeholder();

    public static string? PlaceholderName(string segment) => Placeholder().Match(segment) is { Success: true } m ? m.Groups[1].Value : null;

    public static SweepComparisonSpec Read(YamlNode node, string display)
    {
        if (node is not YamlMappingNode map)
            throw Error($"sweep.compare: expects a mapping (file, metrics, x, series), got {ScalarParser.Describe(node)}", display, node);
        string? file = null, series = null;
        (string, SourceLocation)? x = null;
        YamlNode? seriesNode = null;
        var metrics = new List<(string, string[])>();
        foreach (var (name, keyNode, value) in YamlFile.Entries(map, display))
        {
            switch (name)
            {
                case "file":
                    file = Text(value, "sweep.compare.file", display);
                    if (file.Split('/') is not [{ Length: > 0 }, { Length: > 0 } f] || !f.EndsWith(".json", StringComparison.Ordinal))
                        throw Error($"sweep.compare.file: expects STAGE/NAME.json (a JSON file a stage writes, e.g. paper-judge/metrics.json), got '{file}'", display, value);
                    break;
                case "metrics":
                    if (value is not YamlMappingNode m || m.Children.Count == 0)
                        throw Error("sweep.compare.metrics: expects a mapping of metric name → dotted path, e.g. asr: \"metrics.{method}.{set}.asr\"", display, value);
                    foreach (var (metric, _, path) in YamlFile.Entries(m, display))
                        metrics.Add((metric, Text(path, $"sweep.compare.metrics.{metric}", display).Split('.')));
                    break;
                case "x": x = (Text(value, "sweep.compare.x", display), SourceLocation.Of(display, value)); break;
                case "series": series = Text(value, "sweep.compare.series", display); seriesNode = value; break;
                default:
                    throw Error($"unknown sweep.compare entry '{name}'{DidYouMean.Suffix(name, ["file", "metrics", "x", "series"])}", display, keyNode);
            }
        }
        if (file is null) throw Error("sweep.compare: needs file: STAGE/NAME.json", display, node);
        if (metrics.Count == 0) throw Error("sweep.compare: needs metrics:", display, node);
        var placeholders = metrics[0].Item2.Select(PlaceholderName).OfType<string>().ToList();
        foreach (var (metric, path) in metrics)
            if (!path.Select(PlaceholderName).OfType<string>().SequenceEqual(placeholders))
                throw Error($"sweep.compare.metrics.{metric}: every metric needs the same placeholders ({string.Join(", ", placeholders.Select(p => $"{{{p}}}"))}) so their rows line up", display, node);
        if (series is not null && !placeholders.Contains(series))
            throw Error($"sweep.compare.series: '{series}' is not a placeholder of the metrics (they have: {string.Join(", ", placeholders)})", display, seriesNode!);
        var parts = file.Split('/');
        return new SweepComparisonSpec(parts[0], parts[1], metrics, placeholders, x, series);
    }

    private static string Text(YamlNode node, string what, string display) =>
        node is YamlScalarNode { Value: { Length: > 0 } s } ? s : throw Error($"{what}: expects text, got {ScalarParser.Describe(node)}", display, node);

    private static WorkflowException Error(string message, string display, YamlNode node) =>
        new("RSW088", message, SourceLocation.Of(display, node));
}
