using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Cache;

/// <summary>One output file of a cache entry: path relative to out/ ('/' separators), XxHash128, size.</summary>
public sealed record OutputFile(string Path, string Hash, long Size);

/// <summary>
/// manifest.json of a cache entry, written last (its presence means the entry is complete): the key, the inputs it
/// was computed from (config slice, upstream and dataset hashes, code hash), the output files and their combined
/// hash (what downstream keys use), timings and tool/host versions.
/// </summary>
public sealed record Manifest
{
    public required string Key { get; init; }
    public required string Stage { get; init; }
    public required JsonObject Inputs { get; init; }
    public required IReadOnlyList<OutputFile> Outputs { get; init; }
    public required string OutputHash { get; init; }
    /// <summary>The combined hash of the outputs that are data, not renderings (<see cref="Keys.RenderedOutputs"/>): what downstream computations depend on.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string DataHash => StageCache.CombinedHash(Outputs.Where(o => !Keys.RenderedOutputs.IsRendered(o.Path)));
    public required DateTimeOffset Started { get; init; }
    public required double Seconds { get; init; }
    public int ItemsComputed { get; init; }
    public int ItemsCached { get; init; }
    public required IReadOnlyDictionary<string, string> Tools { get; init; }
    public required IReadOnlyDictionary<string, string> Host { get; init; }
    /// <summary>The build that computed the entry (host:pid:start, <see cref="KeyLock.ThisBuild"/>); "" before it was recorded.</summary>
    public string Build { get; init; } = "";

    public static Manifest? TryRead(string path)
    {
        try { return File.Exists(path) ? JsonSerializer.Deserialize<Manifest>(File.ReadAllText(path), Json.Options) : null; }
        catch (JsonException) { return null; }
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json.Options);

    public static IReadOnlyDictionary<string, string> CurrentTools() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["engine"] = typeof(Manifest).Assembly.GetName().Version?.ToString() ?? "?",
        ["dotnet"] = Environment.Version.ToString(),
    };

    public static IReadOnlyDictionary<string, string> CurrentHost() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["machine"] = Environment.MachineName,
        ["os"] = System.Runtime.InteropServices.RuntimeInformation.OSDescription,
        ["cpus"] = Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
