using RefusalSae.Core.Models;
using RefusalSae.Experiments.Toy.Training;
using TorchSharp;

namespace RefusalSae.Experiments.Tests.Toy;

public sealed class LmTrainerTests
{
    private static readonly ModelConfig Tiny = new()
    {
        Architecture = ModelArchitecture.Gemma2, VocabSize = 40, HiddenSize = 16, IntermediateSize = 32,
        NumHiddenLayers = 2, NumAttentionHeads = 2, NumKeyValueHeads = 1, HeadDim = 8, RmsNormEps = 1e-6,
        RopeTheta = 10000, TieWordEmbeddings = true, QueryPreAttnScalar = 8, SlidingWindow = 16,
        AttnLogitSoftcapping = 50, FinalLogitSoftcapping = 30, PadTokenId = 0,
    };

    private static LmTrainerOptions Options(int steps) => new()
    {
        Seed = 3, Steps = steps, BatchSize = 4, MaxLength = 12, LearningRate = 1e-2, WarmupSteps = 2, CheckpointEvery = 5,
    };

    /// <summary>A learnable toy language: the response repeats the prompt's tokens shifted by one.</summary>
    private static List<TrainingSequence> Data()
    {
        var rng = new Random(7);
        return Enumerable.Range(0, 24).Select(_ =>
        {
            var prompt = Enumerable.Range(0, 4).Select(_ => rng.Next(1, 19)).ToArray();
            return new TrainingSequence([.. prompt, .. prompt.Select(t => t + 20)], prompt.Length, Refusal: prompt[0] % 2 == 0);
        }).ToList();
    }

    private static (float[] Weights, IReadOnlyList<TrainingStep> Log) Train(int steps, string dir, Action<TrainingStep>? onStep = null,
        double firstTokenWeight = 1.0, int complianceSteps = 0)
    {
        using var model = CausalLM.Create(Tiny, torch.ScalarType.Float32, torch.CPU, seed: 11);
        var options = Options(steps) with { FirstTokenWeight = firstTokenWeight, ComplianceSteps = complianceSteps };
        var trainer = new LmTrainer(model, options, padId: 0) { OnStep = (s, _, _) => onStep?.Invoke(s) };
        var log = trainer.Train(Data(), dir);
        var flat = torch.cat(model.Parameters().Select(p => p.detach().flatten()).ToList());
        return (flat.data<float>().ToArray(), log);
    }

    private static string TempDir() => Directory.CreateTempSubdirectory("rsw-train-").FullName;

    [Fact]
    public void The_same_seed_and_data_give_bit_identical_weights()
    {
        var (a, logA) = Train(12, TempDir());
        var (b, _) = Train(12, TempDir());
        Assert.Equal(a, b);
        Assert.True(logA[^1].Loss < logA[0].Loss, $"loss went from {logA[0].Loss} to {logA[^1].Loss}");
    }

    [Fact]
    public void A_killed_run_resumes_from_its_checkpoint_and_ends_with_the_same_bits()
    {
        var (reference, _) = Train(12, TempDir());
        var dir = TempDir();
        Assert.Throws<OperationCanceledException>(() =>
            Train(12, dir, s => { if (s.Step == 8) throw new OperationCanceledException("simulated kill"); }));
        Assert.True(File.Exists(Path.Combine(dir, "current", "step.txt")), "a checkpoint at step 5 should exist");
        var steps = new List<int>();
        var (resumed, log) = Train(12, dir, s => steps.Add(s.Step));
        Assert.Equal(6, steps[0]);                 // resumed after the step-5 checkpoint
        Assert.Equal(12, log.Count);               // the log carries the steps before the kill
        Assert.Equal(reference, resumed);
    }

    [Fact]
    public void A_weighted_first_token_run_is_deterministic_resumable_and_differs_from_the_plain_loss()
    {
        var (a, log) = Train(12, TempDir(), firstTokenWeight: 4.0);
        var dir = TempDir();
        Assert.Throws<OperationCanceledException>(() =>
            Train(12, dir, s => { if (s.Step == 7) throw new OperationCanceledException("simulated kill"); }, firstTokenWeight: 4.0));
        var (resumed, _) = Train(12, dir, firstTokenWeight: 4.0);
        Assert.Equal(a, resumed);
        Assert.NotEqual(Train(12, TempDir()).Weights, a);
        Assert.True(log[^1].Loss < log[0].Loss, $"loss went from {log[0].Loss} to {log[^1].Loss}");
    }

    [Fact]
    public void A_run_with_a_compliance_phase_is_deterministic_resumable_and_differs_from_the_mixed_run()
    {
        var (a, _) = Train(12, TempDir(), complianceSteps: 6);
        var dir = TempDir();
        Assert.Throws<OperationCanceledException>(() =>
            Train(12, dir, s => { if (s.Step == 8) throw new OperationCanceledException("simulated kill"); }, complianceSteps: 6));
        var (resumed, _) = Train(12, dir, complianceSteps: 6);
        Assert.Equal(a, resumed);
        Assert.NotEqual(Train(12, TempDir()).Weights, a);
    }

    [Theory]
    [InlineData(12, 12)]
    [InlineData(12, 20)]
    [InlineData(12, -1)]
    public void A_compliance_phase_that_leaves_no_mixed_step_is_rejected_naming_both_keys(int steps, int complianceSteps)
    {
        var error = Assert.Throws<ArgumentException>(() => (Options(steps) with { ComplianceSteps = complianceSteps }).Validate());
        Assert.Contains($"toy.train.compliance_steps is {complianceSteps}", error.Message);
        Assert.Contains($"toy.train.steps is {steps}", error.Message);
    }

    [Fact]
    public void A_compliance_phase_shorter_than_the_run_is_accepted() =>
        Assert.Equal(11, (Options(12) with { ComplianceSteps = 11 }).Validate().ComplianceSteps);

    [Fact]
    public void The_first_response_token_gets_its_weight_and_ignored_positions_none()
    {
        var batch = new[] { new TrainingSequence([5, 6, 7, 8], 2), new TrainingSequence([5, 6, 7], 1) };
        var (_, _, targets) = LmBatch.Collate(batch, 10, padId: 0);
        var weights = LmBatch.Weights(batch, 10, 3f);
        Assert.Equal(new float[] { 0, 3, 1, 0, 3, 1, 0, 0 }, weights.data<float>().ToArray());
        // Non-zero weight exactly where there is a target.
        Assert.Equal(targets.data<long>().Select(t => t != LmBatch.Ignore), weights.data<float>().Select(w => w != 0));
    }

    [Fact]
    public void The_schedule_warms_up_linearly_then_decays_to_the_floor()
    {
        var o = Options(100) with { WarmupSteps = 10, MinLearningRateRatio = 0.1 };
        Assert.Equal(1e-3, o.LearningRateAt(0), 12);
        Assert.Equal(1e-2, o.LearningRateAt(9), 12);
        Assert.Equal(1e-3, o.LearningRateAt(100), 12);
        Assert.True(o.LearningRateAt(50) < o.LearningRateAt(20));
    }

    [Fact]
    public void Targets_cover_only_response_tokens()
    {
        var (ids, mask, targets) = LmBatch.Collate([new TrainingSequence([5, 6, 7, 8], 2)], 10, padId: 0);
        Assert.Equal(new long[] { 5, 6, 7, 8 }, ids.data<long>().ToArray());
        Assert.Equal(new long[] { 1, 1, 1, 1 }, mask.data<long>().ToArray());
        Assert.Equal(new long[] { LmBatch.Ignore, 7, 8, LmBatch.Ignore }, targets.data<long>().ToArray());
    }
}
