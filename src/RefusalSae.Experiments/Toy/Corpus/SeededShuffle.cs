namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// Fisher–Yates with <c>new System.Random(seed)</c>. A seeded System.Random keeps its legacy algorithm (the .NET
/// runtime preserves it for compatibility), so the same seed gives the same order on every run and machine.
/// </summary>
internal static class SeededShuffle
{
    public static List<T> Shuffle<T>(IEnumerable<T> items, Random rng)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }
}
