using RefusalSae.Experiments.Toy.Training;

namespace RefusalSae.Experiments.Tests.Toy;

public sealed class TrainingScheduleTests
{
    /// <summary>Every third sequence refuses.</summary>
    private static List<TrainingSequence> Data() =>
        Enumerable.Range(0, 30).Select(i => new TrainingSequence([1, 2, 3], 1, Refusal: i % 3 == 0)).ToList();

    [Fact]
    public void The_compliance_phase_draws_only_complying_sequences_and_the_mixed_phase_draws_both()
    {
        var data = Data();
        var schedule = new TrainingSchedule(data, batchSize: 4, seed: 5, complianceSteps: 10);
        var early = Enumerable.Range(0, 10).SelectMany(schedule.Batch).ToList();
        var late = Enumerable.Range(10, 30).SelectMany(schedule.Batch).ToList();
        Assert.All(early, i => Assert.False(data[i].Refusal, $"sequence {i} refuses but was drawn in the compliance phase"));
        Assert.Equal(20, early.Distinct().Count());               // 40 draws cover every complying sequence
        Assert.Contains(late, i => data[i].Refusal);
        Assert.Equal(30, late.Distinct().Count());                // 120 draws cover all 30 sequences
    }

    [Fact]
    public void Without_a_compliance_phase_the_batches_are_the_plain_seeded_epochs()
    {
        var schedule = new TrainingSchedule(Data(), batchSize: 4, seed: 5, complianceSteps: 0);
        var order = new BatchOrder(30, 4, 5);
        for (var step = 0; step < 20; step++) Assert.Equal(order.Batch(step), schedule.Batch(step));
    }

    [Fact]
    public void A_batch_is_a_pure_function_of_the_step()
    {
        var a = new TrainingSchedule(Data(), 4, 5, 7);
        var b = new TrainingSchedule(Data(), 4, 5, 7);
        foreach (var step in new[] { 13, 2, 40, 6, 7 }) Assert.Equal(a.Batch(step), b.Batch(step));
    }

    [Fact]
    public void A_compliance_phase_without_complying_sequences_is_an_error_that_says_so()
    {
        var allRefuse = Enumerable.Range(0, 4).Select(_ => new TrainingSequence([1, 2], 1, Refusal: true)).ToList();
        var error = Assert.Throws<ArgumentException>(() => new TrainingSchedule(allRefuse, 2, 0, 3));
        Assert.Contains("compliance_steps is 3", error.Message);
    }
}
