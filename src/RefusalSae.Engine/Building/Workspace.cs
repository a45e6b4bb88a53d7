namespace RefusalSae.Engine.Building;

/// <summary>
/// artifacts/&lt;experiment&gt;/&lt;stage&gt;/: copies of the current outputs under stable names, switched as a whole
/// (copy to a temp folder, then rename), so a reader never sees a mix of two results. Copies, not links, so that an
/// edit there can never corrupt the cache.
/// </summary>
public static class Workspace
{
    public static void Materialize(string from, string to, bool sameKeyAsBefore)
    {
        if (sameKeyAsBefore && Directory.Exists(to)) return;
        var tmp = $"{to}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var dst = Path.Combine(tmp, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(dst)!);
            File.Copy(f, dst);
        }
        Directory.CreateDirectory(tmp);
        try
        {
            if (Directory.Exists(to)) Directory.Delete(to, recursive: true);
            Directory.Move(tmp, to);
        }
        catch (IOException) when (Directory.Exists(to))
        {
            // A concurrent build of this experiment switched the folder first; results are content-addressed, keep its copy.
            Directory.Delete(tmp, recursive: true);
        }
    }

    /// <summary>
    /// Removes artifacts/&lt;experiment&gt;/ (stage folders, records), never the cache, even when the cache was moved
    /// inside it. Returns false when there was nothing to remove.
    /// </summary>
    public static bool Clean(BuildOptions options)
    {
        var dir = Path.GetFullPath(options.ExperimentDir);
        if (!Directory.Exists(dir)) return false;
        var cache = Path.GetFullPath(options.Cache).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        if (cache.StartsWith(dir.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(dir))
            {
                var full = Path.GetFullPath(entry) + (Directory.Exists(entry) ? Path.DirectorySeparatorChar : "");
                if (cache.StartsWith(full, StringComparison.Ordinal)) continue;   // holds the cache
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true); else File.Delete(entry);
            }
            return true;
        }
        Directory.Delete(dir, recursive: true);
        return true;
    }
}
