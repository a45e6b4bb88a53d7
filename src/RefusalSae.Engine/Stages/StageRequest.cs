using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Stages;

/// <summary>
/// What the engine hands the worker for one stage run (written as JSON, path passed as `run-stage --request`).
/// Paths are absolute; <see cref="Config"/> is the stage's config slice with defaults applied.
/// </summary>
public sealed record StageRequest
{
    public required string Stage { get; init; }
    public required string Key { get; init; }
    public required JsonObject Config { get; init; }
    public required string OutputDirectory { get; init; }
    public required IReadOnlyDictionary<string, string> Upstream { get; init; }
    public required IReadOnlyDictionary<string, string> Datasets { get; init; }
    /// <summary>Folder of the per-item cache for this stage's item key (null when the stage is not per-item).</summary>
    public string? ItemCacheDirectory { get; init; }
    /// <summary>
    /// A folder that survives a killed run of this exact key (training checkpoints), removed once the stage succeeds.
    /// Null: a folder under the system temp directory named by the key.
    /// </summary>
    public string? ScratchDirectory { get; init; }
    /// <summary>Where the worker writes its <see cref="StageResult"/>.</summary>
    public required string ResultFile { get; init; }
    /// <summary>
    /// A shard's run (`-p:ItemShard`): compute only this shard's missing items and stop at the first call that lacks
    /// another shard's; its outputs are discarded. Null: an ordinary run.
    /// </summary>
    public ItemShard? Shard { get; init; }

    public static StageRequest Read(string path) =>
        JsonSerializer.Deserialize<StageRequest>(File.ReadAllText(path), Json.Options)
        ?? throw new InvalidDataException($"{path}: empty stage request.");

    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json.Options));
}

/// <summary>What the worker reports back about one run (item counts feed last-run.json).</summary>
public sealed record StageResult
{
    public int ItemsComputed { get; init; }
    public int ItemsCached { get; init; }
    /// <summary>A shard's run that stopped (<see cref="ShardStopped"/>): the missing items of other shards where it stopped; else null.</summary>
    public int? ItemsOfOtherShards { get; init; }

    public static StageResult Read(string path) =>
        File.Exists(path) ? JsonSerializer.Deserialize<StageResult>(File.ReadAllText(path), Json.Options) ?? new() : new();

    public void Write(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json.Options));
}
