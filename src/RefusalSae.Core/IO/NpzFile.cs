using System.IO.Compression;
using static TorchSharp.torch;

namespace RefusalSae.Core.IO;

/// <summary>
/// A numpy .npz archive: a zip of "&lt;key&gt;.npy" entries, stored (np.savez, with ZIP64 extra fields) or deflated
/// (np.savez_compressed). System.IO.Compression reads both and ZIP64.
/// </summary>
public sealed class NpzFile : IDisposable
{
    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _entries;

    public string Path { get; }
    public IReadOnlyCollection<string> Keys => _entries.Keys;

    private NpzFile(string path, ZipArchive zip)
    {
        Path = path;
        _zip = zip;
        _entries = zip.Entries.Where(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal))
            .ToDictionary(e => e.FullName[..^4], e => e, StringComparer.Ordinal);
    }

    public static NpzFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: .npz file not found.", path);
        var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        try
        {
            return new NpzFile(path, new ZipArchive(fs, ZipArchiveMode.Read, leaveOpen: false));
        }
        catch (InvalidDataException e)
        {
            fs.Dispose();
            throw new InvalidDataException($"{path}: not a readable .npz (zip) archive: {e.Message}", e);
        }
    }

    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>Reads array <paramref name="key"/> (the entry "key.npy") into a new CPU tensor.</summary>
    public Tensor Read(string key)
    {
        if (!_entries.TryGetValue(key, out var entry))
            throw new KeyNotFoundException($"{Path}: no array '{key}' (has: {string.Join(", ", _entries.Keys.Order(StringComparer.Ordinal))}).");
        using var s = entry.Open();
        try
        {
            return NpyReader.Read(s, $"{Path}:{entry.FullName}");
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(Path, StringComparison.Ordinal))
        {
            // Deflate errors from System.IO.Compression do not name the archive or the entry.
            throw new InvalidDataException($"{Path}:{entry.FullName}: {e.Message}", e);
        }
    }

    public void Dispose() => _zip.Dispose();
}
