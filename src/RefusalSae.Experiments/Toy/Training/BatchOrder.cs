namespace RefusalSae.Experiments.Toy.Training;

/// <summary>
/// Which examples form the batch of a given step: epochs are seeded permutations, so the order is a pure function of
/// (seed, step) and a resumed run sees exactly the batches the uninterrupted run would have seen.
/// </summary>
public sealed class BatchOrder(int count, int batchSize, int seed)
{
    private readonly Dictionary<int, int[]> _epochs = [];

    public int[] Batch(int step)
    {
        var result = new int[batchSize];
        for (var i = 0; i < batchSize; i++)
        {
            var flat = (long)step * batchSize + i;
            var epoch = (int)(flat / count);
            result[i] = Permutation(epoch)[flat % count];
        }
        return result;
    }

    private int[] Permutation(int epoch)
    {
        if (_epochs.TryGetValue(epoch, out var p)) return p;
        // System.Random with an explicit seed uses the legacy, version-stable algorithm. HashCode.Combine would be
        // randomised per process, so the epoch is mixed in arithmetically.
        var rng = new Random((int)(((long)seed * 1_000_003 + epoch * 7_919L) & int.MaxValue));
        p = Enumerable.Range(0, count).ToArray();
        rng.Shuffle(p);
        if (_epochs.Count > 4) _epochs.Clear();
        return _epochs[epoch] = p;
    }
}
