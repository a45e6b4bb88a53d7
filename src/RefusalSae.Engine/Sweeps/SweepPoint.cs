using System.Text;
using System.Text.Json.Nodes;
using RefusalSae.Engine.Config;

namespace RefusalSae.Engine.Sweeps;

/// <summary>
/// One point of a sweep: the experiment with these overrides. Its <see cref="Id"/> is made from the values, not the
/// position, so adding a value to an axis leaves the other points' names (and workspaces) unchanged.
/// </summary>
public sealed record SweepPoint(string Id, IReadOnlyList<(SweepAxis Axis, JsonNode Value)> Values)
{
    /// <summary>The separator of `-p:Set` entries that MSBuild does not split on (`;` needs `%3B` on the command line).</summary>
    public const char SetSeparator = '|';

    /// <summary>
    /// The overrides as `-p:Set` entries: each value written as JSON, which is valid YAML flow, so the point is built by
    /// the ordinary override path and is exactly "the experiment with these overrides".
    /// </summary>
    public string Set => string.Join(SetSeparator, Values.Select(v => $"{v.Axis.Key}={CanonicalJson.Serialize(v.Value)}"));

    public JsonNode? ValueOf(string key) => Values.FirstOrDefault(v => v.Axis.Key == key).Value;

    /// <summary>True when this point sets <paramref name="key"/> to <paramref name="value"/> (compared as canonical JSON).</summary>
    public bool Has(string key, JsonNode value) => CanonicalJson.Serialize(ValueOf(key)) == CanonicalJson.Serialize(value);

    /// <summary>"clamp=-2,k_star=20": leaf names and values, restricted to characters safe in file names and MSBuild items.</summary>
    public static string MakeId(IEnumerable<(SweepAxis Axis, JsonNode Value)> values)
    {
        var sb = new StringBuilder();
        foreach (var (axis, value) in values)
        {
            if (sb.Length > 0) sb.Append(',');
            sb.Append(axis.Leaf).Append('=');
            var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : CanonicalJson.Serialize(value);
            foreach (var c in text)
                sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }
        return sb.ToString();
    }
}
