using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Building;

/// <summary>What a stage was last built from in this experiment: staleness reasons are a diff against it.</summary>
public sealed record StageState(string Key, JsonObject Inputs, string OutputHash);

/// <summary>artifacts/&lt;experiment&gt;/state.json: per stage, the inputs and key of its current result.</summary>
public sealed record ExperimentState(Dictionary<string, StageState> Stages)
{
    public static ExperimentState Read(string path)
    {
        try
        {
            if (File.Exists(path))
                return JsonSerializer.Deserialize<ExperimentState>(File.ReadAllText(path), Json.Options) ?? Empty();
        }
        catch (JsonException) { /* an unreadable state only loses the reasons; keys decide what runs */ }
        return Empty();
    }

    public static ExperimentState Empty() => new(new Dictionary<string, StageState>(StringComparer.Ordinal));

    public string ToJson() => JsonSerializer.Serialize(this, Json.Options);
}
