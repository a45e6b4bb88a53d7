namespace RefusalSae.Experiments.Toy.Training;

/// <summary>
/// Which sequences form each step's batch: during the first <c>complianceSteps</c> steps only sequences that comply
/// (no <see cref="TrainingSequence.Refusal"/>), then all of them, each phase in seeded epochs. A pure function of
/// (data, seed, step), so a resumed run sees exactly the batches of an uninterrupted one.
/// </summary>
public sealed class TrainingSchedule
{
    private readonly int _complianceSteps;
    private readonly int[] _compliant;
    private readonly BatchOrder _complianceOrder;
    private readonly BatchOrder _mixedOrder;

    public TrainingSchedule(IReadOnlyList<TrainingSequence> data, int batchSize, int seed, int complianceSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(complianceSteps);
        _complianceSteps = complianceSteps;
        _compliant = Enumerable.Range(0, data.Count).Where(i => !data[i].Refusal).ToArray();
        if (complianceSteps > 0 && _compliant.Length == 0)
            throw new ArgumentException($"compliance_steps is {complianceSteps}, but no training sequence complies: all {data.Count} refuse.");
        _complianceOrder = new BatchOrder(Math.Max(1, _compliant.Length), batchSize, seed + 1);
        _mixedOrder = new BatchOrder(data.Count, batchSize, seed);
    }

    /// <summary>Indices into the data of the batch at <paramref name="step"/> (0-based).</summary>
    public int[] Batch(int step) => step < _complianceSteps
        ? _complianceOrder.Batch(step).Select(i => _compliant[i]).ToArray()
        : _mixedOrder.Batch(step - _complianceSteps);
}
