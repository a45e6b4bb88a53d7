using System.Text.RegularExpressions;
using RefusalSae.Testing;

namespace RefusalSae.Engine.Tests;

/// <summary>src/RefusalSae.Engine/ErrorCodes.md lists every error code once, with the only files that may use it.</summary>
public partial class ErrorCodeCatalogTests
{
    private static readonly string Src = Path.Combine(Paths.RepoRoot, "src");

    [Fact]
    public void Every_code_means_one_thing_is_catalogued_once_and_is_used_only_where_its_row_says()
    {
        var rows = File.ReadAllLines(Path.Combine(Src, "RefusalSae.Engine", "ErrorCodes.md"))
            .Select(l => Row().Match(l)).Where(m => m.Success)
            .Select(m => (Code: m.Groups[1].Value, Files: m.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
            .ToList();
        var duplicates = rows.GroupBy(r => r.Code).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, $"catalogued twice: {string.Join(", ", duplicates)}");
        var catalog = rows.ToDictionary(r => r.Code, r => r.Files.ToHashSet(StringComparer.Ordinal));

        var uses = Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Code().Matches(File.ReadAllText(f)).Select(m => (Code: m.Groups[1].Value, File: Path.GetRelativePath(Src, f).Replace('\\', '/')["RefusalSae.".Length..])))
            .Distinct().ToList();
        var problems = new List<string>();
        foreach (var (code, file) in uses)
        {
            if (!catalog.TryGetValue(code, out var files)) problems.Add($"{code} (in {file}) has no row in ErrorCodes.md");
            else if (!files.Contains(file)) problems.Add($"{code} is used in {file}, which its row does not list: a second meaning? take a new code");
        }
        foreach (var code in catalog.Keys.Except(uses.Select(u => u.Code)))
            problems.Add($"{code} is catalogued but used nowhere");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Console.WriteLine($"{catalog.Count} codes, {uses.Count} (code, file) uses");
    }

    [GeneratedRegex(@"^\| (RSW\d{3,4}) \| [^|]+ \| ([^|]+) \|$")]
    private static partial Regex Row();

    [GeneratedRegex("\"(RSW\\d{3,4})\"")]
    private static partial Regex Code();
}
