using System.Diagnostics;
using RefusalSae.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Toy.Training;

/// <summary>One logged optimisation step.</summary>
public sealed record TrainingStep(int Step, double Loss, double LearningRate, double GradNorm, double Seconds);

/// <summary>
/// Next-token training of a causal LM on chat sequences with AdamW, warm-up + cosine schedule and gradient clipping.
/// Resumable: a checkpoint holds the weights, the optimiser state and the log; the batch order is a function of
/// (seed, step), so a killed and resumed run ends with the same bits as an uninterrupted one.
/// </summary>
public sealed class LmTrainer(CausalLM model, LmTrainerOptions options, int padId)
{
    /// <summary>Called after every step with (step, total, loss, steps/s, ETA).</summary>
    public Action<TrainingStep, int, TimeSpan>? OnStep { get; init; }

    public IReadOnlyList<TrainingStep> Train(IReadOnlyList<TrainingSequence> data, string checkpointDir)
    {
        for (var i = 0; i < data.Count; i++) data[i].Validate(i);
        var optimizer = torch.optim.AdamW(model.parameters(), lr: options.LearningRate, beta1: 0.9, beta2: 0.95,
            weight_decay: options.WeightDecay);
        var checkpoint = new TrainingCheckpoint(checkpointDir);
        var log = new List<TrainingStep>();
        var start = 0;
        if (checkpoint.TryLoad(model, optimizer, out var resumedAt, out var resumedLog))
        {
            start = resumedAt;
            log.AddRange(resumedLog);
        }
        var schedule = new TrainingSchedule(data, options.BatchSize, options.Seed, options.ComplianceSteps);
        var clock = Stopwatch.StartNew();
        model.train();
        for (var step = start; step < options.Steps; step++)
        {
            using var scope = torch.NewDisposeScope();
            var lr = options.LearningRateAt(step);
            foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
            var batch = schedule.Batch(step).Select(i => data[i]).ToList();
            var (ids, mask, targets) = LmBatch.Collate(batch, options.MaxLength, padId);   // (B, T) each
            var logits = model.Forward(ids, mask);                                          // (B, T, V)
            var loss = Loss(logits, targets, batch);
            optimizer.zero_grad();
            loss.backward();
            var gradNorm = nn.utils.clip_grad_norm_(model.parameters(), options.GradClip);
            optimizer.step();
            var entry = new TrainingStep(step + 1, loss.item<float>(), lr, gradNorm, clock.Elapsed.TotalSeconds);
            log.Add(entry);
            var done = step + 1 - start;
            var eta = TimeSpan.FromSeconds(clock.Elapsed.TotalSeconds / done * (options.Steps - step - 1));
            OnStep?.Invoke(entry, options.Steps, eta);
            if (options.CheckpointEvery > 0 && (step + 1) % options.CheckpointEvery == 0 && step + 1 < options.Steps)
                checkpoint.Save(model, optimizer, step + 1, log);
        }
        model.eval();
        return log;
    }

    /// <summary>Mean cross-entropy over response tokens, the first one weighted by <see cref="LmTrainerOptions.FirstTokenWeight"/>.</summary>
    private Tensor Loss(Tensor logits, Tensor targets, IReadOnlyList<TrainingSequence> batch)
    {
        var flat = logits.view(-1, logits.shape[^1]).to_type(ScalarType.Float32);          // (B·T, V)
        if (options.FirstTokenWeight == 1.0)
            return nn.functional.cross_entropy(flat, targets.view(-1), ignore_index: LmBatch.Ignore);
        var perToken = nn.functional.cross_entropy(flat, targets.view(-1), ignore_index: LmBatch.Ignore,
            reduction: nn.Reduction.None);                                                   // (B·T), 0 where ignored
        var weights = LmBatch.Weights(batch, options.MaxLength, (float)options.FirstTokenWeight).view(-1);   // (B·T)
        return (perToken * weights).sum() / weights.sum();
    }
}
