using System.Text;

namespace RefusalSae.Engine.Keys;

/// <summary>
/// The code part of a stage key: XxHash128 over the sorted repo-relative paths and contents of every *.cs file under
/// the stage's declared `code:` folders. Editing the stage's code therefore changes its key (and its dependents' keys
/// only when its outputs change). Missing folders are an error: a typo must not silently drop the code from the key.
/// </summary>
public static class CodeHash
{
    public static string Compute(string repoRoot, IEnumerable<string> folders, SourceLocation? declaredAt = null)
    {
        var sb = new StringBuilder();
        foreach (var folder in folders.Order(StringComparer.Ordinal))
        {
            var dir = Path.Combine(repoRoot, folder);
            if (!Directory.Exists(dir))
                throw new WorkflowException("RSW107", $"code folder '{folder}' does not exist", declaredAt);
            var files = Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
                .Select(f => Path.GetRelativePath(repoRoot, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal);
            foreach (var rel in files)
                sb.Append(rel).Append('\n').Append(Hashing.File(Path.Combine(repoRoot, rel))).Append('\n');
        }
        return Hashing.Hex(sb.ToString());
    }
}
