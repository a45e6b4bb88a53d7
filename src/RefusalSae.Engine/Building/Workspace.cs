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
}
