using System.Text;
using System.Text.Json;
using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Stages;

/// <summary>
/// Engine-provided per-item results for `per_item` stages. An item's file is named by the hash of its content
/// inside a folder named by the stage's item key (the stage key computed without the item-list config keys and
/// without dataset hashes), so a killed run resumes at the first missing item and a larger prompt set computes
/// only the new prompts. Each item is written atomically the moment it is computed.
/// In a shard's run (<paramref name="shard"/>, `-p:ItemShard`) only the missing items that shard owns are computed:
/// a call that lacks an item of another shard computes this shard's missing items of the call, then throws
/// <see cref="ShardStopped"/> (GetOrCompute and FilesInto at once, having no other items to go on with); a call whose
/// items are all present returns as usual, so a later call of the same stage is sharded too.
/// </summary>
public sealed class ItemCache(string? directory, string stage, ItemShard? shard = null)
{
    public int Computed { get; private set; }
    public int Cached { get; private set; }

    /// <summary>The shard this run computes for, or null (every item).</summary>
    public ItemShard? Shard => shard;

    /// <summary>
    /// Returns the cached result for the item whose identity is <paramref name="content"/> (e.g. the rendered prompt),
    /// or computes and stores it. Results round-trip through JSON, so return plain records.
    /// </summary>
    public T GetOrCompute<T>(string content, Func<T> compute) =>
        TryGetOrCompute(content, compute, out var value) ? value : throw new ShardStopped(shard!, 1);

    /// <summary>False (nothing computed) when the item is missing and belongs to another shard.</summary>
    private bool TryGetOrCompute<T>(string content, Func<T> compute, out T value)
    {
        var path = PathOf(content);
        if (TryRead(content, out value)) { Cached++; return true; }
        if (shard is not null && !shard.Owns(content)) return false;
        value = compute();
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(value, Json.Options));
        Computed++;
        return true;
    }

    /// <summary>
    /// Like <see cref="Map"/>, but the missing items are computed <paramref name="batchSize"/> at a time (a batched
    /// forward or generation is several times faster per item than one at a time). Each batch is stored as soon as it
    /// is computed, so a killed run loses at most one batch.
    /// </summary>
    public IReadOnlyList<TOut> MapBatched<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, string> contentOf,
        Func<IReadOnlyList<TIn>, IReadOnlyList<TOut>> computeBatch, int batchSize,
        ProgressReporter? progress = null, CancellationToken cancellation = default)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), "batch size must be ≥ 1");
        var results = new TOut[items.Count];
        var missing = new List<int>();
        for (var i = 0; i < items.Count; i++)
        {
            if (TryRead<TOut>(contentOf(items[i]), out var hit)) { results[i] = hit; Cached++; progress?.Advance(); }
            else missing.Add(i);
        }
        // A shard batches its own missing items only; the others' are left to them (their count is reported).
        var others = shard is null ? 0 : missing.RemoveAll(i => !shard.Owns(contentOf(items[i])));
        foreach (var chunk in missing.Chunk(batchSize))
        {
            cancellation.ThrowIfCancellationRequested();
            var computed = computeBatch(chunk.Select(i => items[i]).ToList());
            if (computed.Count != chunk.Length)
                throw new StageException("RSW306", $"stage '{stage}': a batch of {chunk.Length} items returned {computed.Count} results.");
            for (var j = 0; j < chunk.Length; j++)
            {
                results[chunk[j]] = computed[j];
                AtomicFile.WriteAllText(PathOf(contentOf(items[chunk[j]])), JsonSerializer.Serialize(computed[j], Json.Options));
                Computed++;
                progress?.Advance();
            }
        }
        if (others > 0)
        {
            progress?.Advance(others);
            throw new ShardStopped(shard!, others);
        }
        return results;
    }

    /// <summary>
    /// An item whose result is files (a trained model, SAEs): <paramref name="compute"/> writes them into an empty
    /// folder, which is stored atomically (renamed into place once complete) under the item's identity; the stored
    /// files are then copied into <paramref name="into"/> (e.g. the stage's output folder). A stage that renders
    /// figures or tables from such a result reruns its rendering alone when only the rendering code changed.
    /// </summary>
    public void FilesInto(string content, Action<string> compute, string into)
    {
        var dir = PathOf(content)[..^".json".Length] + ".d";
        if (Directory.Exists(dir)) Cached++;
        else if (shard is not null && !shard.Owns(content)) throw new ShardStopped(shard, 1);
        else
        {
            var tmp = $"{dir}.tmp-{Environment.ProcessId}-{Guid.NewGuid():N}";
            Directory.CreateDirectory(tmp);
            try
            {
                compute(tmp);
                Directory.Move(tmp, dir);
            }
            catch (IOException) when (Directory.Exists(dir)) { }   // another build stored the same item meanwhile
            finally { if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true); }
            Computed++;
        }
        foreach (var file in Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(into, Path.GetRelativePath(dir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private string PathOf(string content)
    {
        var dir = directory ?? throw new StageException("RSW305", $"stage '{stage}' uses the item cache but is not declared per_item: true in experiments/pipeline.yaml.");
        return Path.Combine(dir, Hashing.Hex(Encoding.UTF8.GetBytes(content)) + ".json");
    }

    private bool TryRead<T>(string content, out T value)
    {
        var path = PathOf(content);
        value = default!;
        if (!File.Exists(path)) return false;
        try
        {
            var hit = JsonSerializer.Deserialize<T>(File.ReadAllText(path), Json.Options);
            if (hit is null) return false;
            value = hit;
            return true;
        }
        catch (JsonException) { return false; }   // a torn or foreign file: recompute and overwrite it
    }

    /// <summary>
    /// Maps every item in order through the cache, reporting progress; the result order is the input order. A shard
    /// goes past the missing items of other shards, computing its own, and then stops (<see cref="ShardStopped"/>).
    /// </summary>
    public IReadOnlyList<TOut> Map<TIn, TOut>(IReadOnlyList<TIn> items, Func<TIn, string> contentOf, Func<TIn, TOut> compute,
        ProgressReporter? progress = null, CancellationToken cancellation = default)
    {
        var results = new List<TOut>(items.Count);
        var others = 0;
        foreach (var item in items)
        {
            cancellation.ThrowIfCancellationRequested();
            if (TryGetOrCompute(contentOf(item), () => compute(item), out var value)) results.Add(value);
            else others++;
            progress?.Advance();
        }
        return others == 0 ? results : throw new ShardStopped(shard!, others);
    }
}
