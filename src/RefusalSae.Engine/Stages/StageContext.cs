using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace RefusalSae.Engine.Stages;

/// <summary>
/// Everything a stage may read and where it writes. A stage reads nothing else: no global paths, no other stage's
/// private files, no clock (rule 7).
/// </summary>
public sealed class StageContext
{
    private static readonly JsonSerializerOptions BindOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        NumberHandling = JsonNumberHandling.Strict,
    };

    private readonly StageRequest _request;

    public StageContext(StageRequest request, TextWriter log, CancellationToken cancellation = default)
    {
        _request = request;
        Log = log;
        Cancellation = cancellation;
        Items = new ItemCache(request.ItemCacheDirectory, request.Stage, request.Shard);
    }

    /// <summary>The stage name (as declared in experiments/pipeline.yaml).</summary>
    public string Stage => _request.Stage;

    /// <summary>The stage key (hex); for provenance only, never for file names inside outputs.</summary>
    public string Key => _request.Key;

    /// <summary>An empty folder for the outputs; the engine hashes it and moves it into the cache afterwards.</summary>
    public string OutputDirectory => _request.OutputDirectory;

    /// <summary>The config slice (the declared prefixes, defaults applied) as JSON.</summary>
    public JsonObject ConfigJson => _request.Config;

    /// <summary>Per-item cache (see <see cref="ItemCache"/>); throws when the stage is not declared `per_item`.</summary>
    public ItemCache Items { get; }

    public TextWriter Log { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>
    /// Binds the config subtree at a dotted <paramref name="prefix"/> (e.g. "smoke.prompts") to a record, strictly:
    /// snake_case keys map to PascalCase properties, an unknown key or a missing required property is an error.
    /// </summary>
    public T Config<T>(string prefix)
    {
        JsonNode? node = _request.Config;
        foreach (var part in prefix.Split('.'))
            node = (node as JsonObject)?[part]
                ?? throw new StageException("RSW301", $"stage '{Stage}': config prefix '{prefix}' is not in its slice (declare it under config: in experiments/pipeline.yaml).");
        try
        {
            return node.Deserialize<T>(BindOptions)
                ?? throw new StageException("RSW302", $"stage '{Stage}': config '{prefix}' is null.");
        }
        catch (JsonException e)
        {
            throw new StageException("RSW302", $"stage '{Stage}': config '{prefix}' does not bind to {typeof(T).Name}: {e.Message}");
        }
    }

    /// <summary>
    /// Resumable state of a long stage (e.g. training checkpoints): keyed by the stage key, so only a rerun of the
    /// same inputs resumes from it. The stage deletes it when it has finished.
    /// </summary>
    public string ScratchDirectory =>
        _request.ScratchDirectory ?? Path.Combine(Path.GetTempPath(), "refusalsae-scratch", _request.Key);

    /// <summary>The output folder of a declared upstream stage (read-only).</summary>
    public string Upstream(string stage) =>
        _request.Upstream.TryGetValue(stage, out var dir) ? dir
            : throw new StageException("RSW303", $"stage '{Stage}': '{stage}' is not a declared upstream (declared: {string.Join(", ", _request.Upstream.Keys)}).");

    /// <summary>The upstream stages this run was given (after `${config.key}` entries were resolved), in declaration order.</summary>
    public IReadOnlyList<string> UpstreamNames => _request.Upstream.Keys.ToList();

    /// <summary>True when <paramref name="stage"/> is an upstream of this run (optional upstreams named by config).</summary>
    public bool HasUpstream(string stage) => _request.Upstream.ContainsKey(stage);

    /// <summary>The verified local path of a declared dataset, by catalog id.</summary>
    public string Dataset(string id) =>
        _request.Datasets.TryGetValue(id, out var path) ? path
            : throw new StageException("RSW304", $"stage '{Stage}': dataset '{id}' is not declared (declared: {string.Join(", ", _request.Datasets.Keys)}).");

    /// <summary>A path inside the output folder (creates the parent folder).</summary>
    public string Output(string relativePath)
    {
        var path = Path.Combine(OutputDirectory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Progress lines `progress: STAGE done/total, rate/s, ETA` for the build log (`STAGE (shard 1/4)` in a shard's run).</summary>
    public ProgressReporter Progress(int total, string unit = "items") =>
        new(Log, _request.Shard is { } s ? $"{Stage} (shard {s})" : Stage, total, unit);
}
