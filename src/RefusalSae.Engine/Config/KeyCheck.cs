using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Config;

/// <summary>The shapes a string value may be required to have (`format:` in a `!key` declaration).</summary>
public enum ValueFormat
{
    /// <summary>http:// or https:// with a host.</summary>
    Url,
    /// <summary>`hf:owner/repo[@revision][/path]`, or a local path that exists (`{layer}` is tried as 0).</summary>
    Location,
    /// <summary>A file or folder that exists (absolute, or relative to the repository root).</summary>
    ExistingPath,
    /// <summary>cpu, cuda or cuda:N.</summary>
    Device,
}

/// <summary>
/// The constraint declared with a key in experiments/defaults.yaml (`key: !key {default: 1, min: 1, ...}`). Bounds
/// are numbers or relations (<see cref="BoundExpression"/>); formats and `one_of` apply to each element of a list;
/// an empty string passes a format check unless `non_empty` is set (empty means "not used" for optional locations).
/// </summary>
public sealed record KeyCheck
{
    public BoundExpression? Min { get; init; }
    public BoundExpression? Max { get; init; }
    public BoundExpression? Above { get; init; }
    public BoundExpression? Below { get; init; }
    public IReadOnlyList<JsonNode>? OneOf { get; init; }
    public ValueFormat? Format { get; init; }
    public bool NonEmpty { get; init; }
    public int? MaxItems { get; init; }

    /// <summary>
    /// Set on the keys that name the studied model: "location" (a snapshot folder or hf: location, whose config.json
    /// gives `model.FIELD`), or a map from a stage name to the config prefix its model is built from (train-model →
    /// toy.model). Relations that read `model.FIELD` are resolved through these keys.
    /// </summary>
    public ModelSource? ModelSource { get; init; }

    /// <summary>The constraint in words, for error messages and the docs ("≥ 1", "one of a, b").</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Min is not null) parts.Add($"≥ {Min}");
        if (Above is not null) parts.Add($"> {Above}");
        if (Max is not null) parts.Add($"≤ {Max}");
        if (Below is not null) parts.Add($"< {Below}");
        if (OneOf is not null) parts.Add($"one of {string.Join(", ", OneOf.Select(v => v.ToString()))}");
        if (Format is { } f) parts.Add(ValueFormats.Describe(f));
        if (NonEmpty) parts.Add("not empty");
        if (MaxItems is { } m) parts.Add($"at most {m} item{(m == 1 ? "" : "s")}");
        return string.Join(", ", parts);
    }
}

/// <summary>How the studied model is found from a key's value (see <see cref="KeyCheck.ModelSource"/>).</summary>
public sealed record ModelSource(bool IsLocation, IReadOnlyDictionary<string, string> StagePrefixes);
