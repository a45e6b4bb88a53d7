using System.Text.Json;
using System.Text.Json.Serialization;

namespace RefusalSae.Engine.Building;

/// <summary>One stage's line in last-run.json. Status: ran | cached | restored | failed (status.json also: stale).</summary>
public sealed record StageOutcome
{
    public required string Name { get; init; }
    public required string Key { get; init; }
    public required string Status { get; init; }
    public required string Reason { get; init; }
    public double Seconds { get; init; }
    public int ItemsComputed { get; init; }
    public int ItemsCached { get; init; }
    /// <summary>The build that computed the result (host:pid:start); with two concurrent builds, the one that ran it.</summary>
    public string ComputedBy { get; init; } = "";
    /// <summary>`s/N` when this build computed the stage's items as shard s of N (`-p:ItemShard`); absent otherwise.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Shard { get; init; }
}

/// <summary>artifacts/&lt;experiment&gt;/last-run.json: `{"experiment", "stages": [...]}`; tools and CI read it.</summary>
public sealed record LastRun(string Experiment, IReadOnlyList<StageOutcome> Stages)
{
    private static readonly JsonSerializerOptions Options = new(Json.Options) { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    public string ToJson() => JsonSerializer.Serialize(this, Options);

    public static LastRun Read(string path) =>
        JsonSerializer.Deserialize<LastRun>(File.ReadAllText(path), Options) ?? throw new InvalidDataException(path);
}
