using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Engine.Config;

/// <summary>Typed reading of YAML nodes against a <see cref="ConfigKind"/>; null means "not that type".</summary>
public static partial class ScalarParser
{
    [GeneratedRegex(@"^[-+]?[0-9]+$")] private static partial Regex IntPattern();
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")] private static partial Regex FloatPattern();

    /// <summary>The kind a plain default implies: bool, int, float or string (quoted scalars are strings).</summary>
    public static ConfigKind? Infer(YamlScalarNode s)
    {
        if (s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted) return ConfigKind.String;
        var v = s.Value ?? "";
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "false") return ConfigKind.Bool;
        if (IntPattern().IsMatch(v)) return ConfigKind.Int;
        if (FloatPattern().IsMatch(v)) return ConfigKind.Float;
        return ConfigKind.String;
    }

    public static JsonNode? Read(YamlNode node, ConfigKind kind)
    {
        if (ConfigKinds.ElementOf(kind) is { } element)
        {
            if (node is not YamlSequenceNode seq) return null;
            var arr = new JsonArray();
            foreach (var item in seq.Children)
            {
                if (Read(item, element) is not { } v) return null;
                arr.Add(v);
            }
            return arr;
        }
        if (node is not YamlScalarNode s) return null;
        var quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
        var text = s.Value ?? "";
        if (!quoted && text is "" or "~" or "null" or "Null" or "NULL") return null;
        return kind switch
        {
            ConfigKind.String => JsonValue.Create(text),
            ConfigKind.Bool when !quoted && text is "true" or "false" => JsonValue.Create(text == "true"),
            ConfigKind.Int when !quoted && IntPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
            ConfigKind.Float when !quoted && (IntPattern().IsMatch(text) || FloatPattern().IsMatch(text))
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => JsonValue.Create(d),
            _ => null,
        };
    }

    /// <summary>A short description of what a node holds, for "expected int, got ..." messages.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s when s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted => $"the string \"{s.Value}\"",
        YamlScalarNode s when Infer(s) is { } k => $"{ConfigKinds.Name(k)} '{s.Value}'",
        YamlScalarNode => "null",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an unsupported node",
    };
}
