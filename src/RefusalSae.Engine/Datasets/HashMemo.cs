using System.Text.Json;

namespace RefusalSae.Engine.Datasets;

/// <summary>
/// path → (size, last-write ticks, hash): a file is re-hashed only when its size or mtime changed, so a no-op build
/// does one stat per dataset. Saved only when it changed.
/// </summary>
public sealed class HashMemo(string file)
{
    private sealed record Entry(long Size, long Ticks, string Hash);

    private Dictionary<string, Entry>? _entries;
    private bool _dirty;

    public string Get(string path, Func<string, string> hash)
    {
        _entries ??= LoadEntries();
        var info = new FileInfo(path);
        var full = info.FullName;
        if (_entries.TryGetValue(full, out var e) && e.Size == info.Length && e.Ticks == info.LastWriteTimeUtc.Ticks)
            return e.Hash;
        var h = hash(full);
        _entries[full] = new Entry(info.Length, info.LastWriteTimeUtc.Ticks, h);
        _dirty = true;
        return h;
    }

    public void Save()
    {
        if (!_dirty || _entries is null) return;
        AtomicFile.WriteAllText(file, JsonSerializer.Serialize(_entries, Json.Options));
        _dirty = false;
    }

    private Dictionary<string, Entry> LoadEntries()
    {
        try
        {
            if (File.Exists(file))
                return JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(file), Json.Options) ?? [];
        }
        catch (JsonException) { /* a damaged memo only costs re-hashing */ }
        return [];
    }
}
