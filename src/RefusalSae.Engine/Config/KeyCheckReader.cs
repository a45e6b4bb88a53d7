using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Engine.Config;

/// <summary>
/// Reads a `!key {default: V, type: T, min: .., max: .., above: .., below: .., one_of: [..], format: F, non_empty: true,
/// max_items: N, model_source: ..}` declaration of experiments/defaults.yaml. Unknown fields are errors (RSW022).
/// </summary>
internal static class KeyCheckReader
{
    private static readonly string[] Fields = ["default", "type", "min", "max", "above", "below", "one_of", "format", "non_empty", "max_items", "model_source"];

    public static (YamlNode? Default, ConfigKind? Type, KeyCheck Check) Read(string path, YamlMappingNode map, string display)
    {
        YamlNode? def = null;
        ConfigKind? type = null;
        var check = new KeyCheck();
        foreach (var (field, fieldNode, v) in YamlFile.Entries(map, display))
        {
            var at = SourceLocation.Of(display, v);
            switch (field)
            {
                case "default": def = v; break;
                case "type":
                    type = ConfigKinds.Parse(Text(v)) ?? throw Error(path, $"type: expected int, float, bool, string, ints, floats or strings, got '{Text(v)}'", at);
                    break;
                case "min": check = check with { Min = Bound(path, v, at) }; break;
                case "max": check = check with { Max = Bound(path, v, at) }; break;
                case "above": check = check with { Above = Bound(path, v, at) }; break;
                case "below": check = check with { Below = Bound(path, v, at) }; break;
                case "one_of":
                    if (v is not YamlSequenceNode { Children.Count: > 0 } seq || seq.Children.Any(c => c is not YamlScalarNode))
                        throw Error(path, "one_of: expected a non-empty list of allowed values", at);
                    check = check with { OneOf = seq.Children.Select(c => (JsonNode)JsonValue.Create(Text(c))).ToList() };
                    break;
                case "format":
                    check = check with { Format = ValueFormats.Parse(Text(v)) ?? throw Error(path, $"format: expected one of {ValueFormats.Names}, got '{Text(v)}'", at) };
                    break;
                case "non_empty":
                    check = check with { NonEmpty = Text(v) == "true" ? true : Text(v) == "false" ? false : throw Error(path, "non_empty: expected true or false", at) };
                    break;
                case "max_items":
                    check = check with { MaxItems = int.TryParse(Text(v), NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : throw Error(path, "max_items: expected a count", at) };
                    break;
                case "model_source":
                    check = check with { ModelSource = ReadModelSource(path, v, display) };
                    break;
                default:
                    throw Error(path, $"unknown field '{field}' in a !key declaration{DidYouMean.Suffix(field, Fields)}; fields: {string.Join(", ", Fields)}", SourceLocation.Of(display, fieldNode));
            }
        }
        return (def, type, check);
    }

    private static ModelSource ReadModelSource(string path, YamlNode v, string display) => v switch
    {
        YamlScalarNode { Value: "location" } => new ModelSource(true, new Dictionary<string, string>()),
        YamlMappingNode stages => new ModelSource(false, YamlFile.Entries(stages, display).ToDictionary(e => e.Key, e => Text(e.Value), StringComparer.Ordinal)),
        _ => throw Error(path, "model_source: expected 'location' or a map from stage name to the config prefix of the model it builds", SourceLocation.Of(display, v)),
    };

    private static BoundExpression Bound(string path, YamlNode v, SourceLocation at) =>
        BoundExpression.Parse(Text(v)) ?? throw Error(path, $"expected a number or a product of numbers, config keys and model.FIELD terms, got '{Text(v)}'", at);

    private static string Text(YamlNode n) => (n as YamlScalarNode)?.Value ?? "";

    private static WorkflowException Error(string path, string message, SourceLocation at) => new("RSW022", $"'{path}': {message}", at);
}
