using System.Text;
using RefusalSae.Engine.Datasets;
using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Cache;

/// <summary>
/// Content-addressed stage results under a root folder: stages/&lt;key&gt;/out/… and stages/&lt;key&gt;/manifest.json
/// (written last, so an entry without one is incomplete), items/, locks/, tmp/ (same volume, so renames are atomic).
/// A probe re-verifies every output file (through a size+mtime memo, so an untouched file is not re-read); a file that
/// no longer hashes right makes the entry a miss with a warning.
/// </summary>
public sealed class StageCache(string root, bool trustMemo = true)
{
    private readonly HashMemo _memo = new(Path.Combine(root, "memo.json"));

    public string Root { get; } = Path.GetFullPath(root);

    public string EntryDir(string key) => Path.Combine(Root, "stages", key);
    public string OutDir(string key) => Path.Combine(EntryDir(key), "out");
    public string ManifestPath(string key) => Path.Combine(EntryDir(key), "manifest.json");
    public string LockPath(string key) => Path.Combine(Root, "locks", key + ".lock");
    public string ItemDir(string stage, string itemKey) => Path.Combine(Root, "items", stage, itemKey);

    /// <summary>Resumable state of one key (training checkpoints); survives a killed run, removed by the stage on success.</summary>
    public string ScratchDir(string key) => Path.Combine(Root, "scratch", key);

    /// <summary>A fresh folder under tmp/ for one run (its out/ subfolder is what the stage writes).</summary>
    public string NewTempDir(string key)
    {
        var dir = Path.Combine(Root, "tmp", $"{key}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(dir, "out"));
        return dir;
    }

    /// <summary>The complete, verified entry for <paramref name="key"/>, or null (a corrupt entry adds a warning).</summary>
    public Manifest? Probe(string key, Action<string> warn)
    {
        var manifest = Manifest.TryRead(ManifestPath(key));
        if (manifest is null) return null;
        foreach (var f in manifest.Outputs)
        {
            var path = Path.Combine(OutDir(key), f.Path);
            var problem = !File.Exists(path) ? "is missing"
                : new FileInfo(path).Length != f.Size ? "changed size"
                : Hash(path) != f.Hash ? "no longer hashes to its manifest" : null;
            if (problem is not null)
            {
                warn($"cache entry {EntryDir(key)} is corrupt: {f.Path} {problem}; treating it as a miss");
                return null;
            }
        }
        return manifest;
    }

    /// <summary>
    /// Moves a finished temp folder into place as the entry for <paramref name="key"/>: hash outputs, rename the
    /// folder, then write manifest.json last. Call under the key's lock.
    /// </summary>
    public Manifest Commit(string key, string tempDir, Func<IReadOnlyList<OutputFile>, string, Manifest> makeManifest)
    {
        var outputs = HashTree(Path.Combine(tempDir, "out"));
        var manifest = makeManifest(outputs, CombinedHash(outputs));
        var entry = EntryDir(key);
        if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);   // incomplete or corrupt leftovers
        Directory.CreateDirectory(Path.GetDirectoryName(entry)!);
        Directory.Move(tempDir, entry);
        AtomicFile.WriteAllText(ManifestPath(key), manifest.ToJson());
        _memo.Save();
        return manifest;
    }

    /// <summary>Copies a verified entry from another cache (the shared read-through cache) into this one.</summary>
    public Manifest? Import(StageCache from, string key, Action<string> warn)
    {
        var source = Manifest.TryRead(from.ManifestPath(key));
        if (source is null) return null;
        var tmp = NewTempDir(key);
        try
        {
            foreach (var f in source.Outputs)
            {
                var src = Path.Combine(from.OutDir(key), f.Path);
                var dst = Path.Combine(tmp, "out", f.Path);
                if (!File.Exists(src)) { warn($"shared cache entry {from.EntryDir(key)} lacks {f.Path}; ignoring it"); return null; }
                Directory.CreateDirectory(Path.GetDirectoryName(dst)!);
                File.Copy(src, dst);
                if (Hashing.File(dst) != f.Hash) { warn($"shared cache entry {from.EntryDir(key)}: {f.Path} does not hash to its manifest; ignoring it"); return null; }
            }
            return Commit(key, tmp, (_, _) => source);
        }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);
        }
    }

    public void SaveMemo() => _memo.Save();

    public static IReadOnlyList<OutputFile> HashTree(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => new OutputFile(Path.GetRelativePath(dir, f).Replace('\\', '/'), Hashing.File(f), new FileInfo(f).Length))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();

    /// <summary>The hash of a whole output folder: sorted "path hash" lines (downstream keys use it).</summary>
    public static string CombinedHash(IEnumerable<OutputFile> outputs)
    {
        var sb = new StringBuilder();
        foreach (var f in outputs.OrderBy(f => f.Path, StringComparer.Ordinal)) sb.Append(f.Path).Append(' ').Append(f.Hash).Append('\n');
        return Hashing.Hex(sb.ToString());
    }

    private string Hash(string path) => trustMemo ? _memo.Get(path, Hashing.File) : Hashing.File(path);
}
