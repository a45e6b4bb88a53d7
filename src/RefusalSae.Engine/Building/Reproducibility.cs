using RefusalSae.Engine.Cache;

namespace RefusalSae.Engine.Building;

/// <summary>`-p:Force`: how a recomputed stage's outputs compare with the cached ones, file by file.</summary>
public static class Reproducibility
{
    public const string Identical = "byte-identical";

    /// <summary>"byte-identical to the cached result (N files)" or "differs from the cached result in a, b (2 of N files)".</summary>
    public static string Compare(IReadOnlyList<OutputFile> cached, IReadOnlyList<OutputFile> fresh)
    {
        var before = cached.ToDictionary(f => f.Path, f => f.Hash, StringComparer.Ordinal);
        var after = fresh.ToDictionary(f => f.Path, f => f.Hash, StringComparer.Ordinal);
        var differing = before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Where(p => !before.TryGetValue(p, out var b) || !after.TryGetValue(p, out var a) || a != b)
            .ToList();
        if (differing.Count == 0) return $"{Identical} to the cached result ({Files(before.Count)})";
        var shown = string.Join(", ", differing.Take(10)) + (differing.Count > 10 ? ", …" : "");
        return $"differs from the cached result in {shown} ({differing.Count} of {Files(before.Keys.Union(after.Keys).Count())})";
    }

    private static string Files(int n) => n == 1 ? "1 file" : $"{n} files";
}
