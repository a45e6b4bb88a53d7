using System.Text.Json;
using System.Text.Json.Nodes;
using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Code;

/// <summary>
/// <see cref="CodeAnalysis"/> results, cached in one JSON file keyed by the content of the analysed assemblies and the
/// worker's deps.json. A no-op build stats those files and reads the file; it hashes them only when a size or write
/// time changed (a rebuilt worker), and analyses only when their content changed.
/// </summary>
public static class StageCodeCache
{
    /// <summary>Our own assemblies in the worker folder (the rest are packages, identified by version).</summary>
    public static IReadOnlyList<string> AnalysedAssemblies(string workerDirectory) =>
        Directory.Exists(workerDirectory)
            ? Directory.GetFiles(workerDirectory, "RefusalSae.*.dll").Order(StringComparer.Ordinal).ToList()
            : [];

    public static IReadOnlyDictionary<string, StageCode> Load(string workerDirectory, string cacheFile)
    {
        var assemblies = AnalysedAssemblies(workerDirectory);
        if (assemblies.Count == 0)
            throw new WorkflowException("RSW132", $"no compiled worker assemblies in {workerDirectory}: the stage keys are computed from them (build the tools first: dotnet build src/RefusalSae.Worker)", null);
        var deps = Directory.GetFiles(workerDirectory, "*.deps.json").Order(StringComparer.Ordinal).FirstOrDefault();
        var files = deps is null ? assemblies : [.. assemblies, deps];
        var cached = Read(cacheFile);
        var stats = files.ToDictionary(f => Path.GetFileName(f), f => Stat(f), StringComparer.Ordinal);
        if (cached is not null && SameStats(cached["files"] as JsonObject, stats))
            return Stages(cached);
        var hashes = files.ToDictionary(f => Path.GetFileName(f), Hashing.File, StringComparer.Ordinal);
        var content = Hashing.Hex(string.Join("\n", hashes.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key} {h.Value}")));
        var stages = cached?["content"]?.GetValue<string>() == content ? Stages(cached) : CodeAnalysis.Analyse(assemblies, deps);
        var files2 = new JsonObject();
        foreach (var (name, stat) in stats.OrderBy(s => s.Key, StringComparer.Ordinal)) files2[name] = stat;
        var json = new JsonObject
        {
            ["content"] = content,
            ["files"] = files2,
            ["stages"] = JsonSerializer.SerializeToNode(stages, Json.Options),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
        AtomicFile.WriteAllText(cacheFile, json.ToJsonString());
        return stages;
    }

    private static string Stat(string path)
    {
        var info = new FileInfo(path);
        return $"{info.Length}:{info.LastWriteTimeUtc.Ticks}";
    }

    private static bool SameStats(JsonObject? recorded, Dictionary<string, string> now) =>
        recorded is not null && recorded.Count == now.Count
        && now.All(kv => recorded[kv.Key]?.GetValue<string>() == kv.Value);

    private static JsonObject? Read(string path)
    {
        try { return File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null; }
        catch (JsonException) { return null; }   // torn or foreign: analyse again
    }

    private static IReadOnlyDictionary<string, StageCode> Stages(JsonObject cached) =>
        cached["stages"].Deserialize<Dictionary<string, StageCode>>(Json.Options) ?? [];
}
