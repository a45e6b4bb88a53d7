using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RefusalSae.Core.Saes.Training;

/// <summary>
/// Trains a TopK SAE (Gao et al. 2024) on activations [N, D].
/// Why TopK and not Gemma Scope's JumpReLU with a straight-through threshold: the L0 is fixed by k, so the toy SAEs
/// need no sweep over the sparsity coefficient (the JumpReLU L0 penalty needs one per layer and a long warm-up) and
/// converge in a CPU budget of seconds; the loss has no custom pseudo-gradient to get wrong; Llama Scope, one of the
/// paper's two SAE families, was itself trained as TopK. Features are ≥ 0 as with JumpReLU, so the paper's clamping
/// and attribution apply unchanged. Saved as SAELens architecture "topk".
/// Activations are scaled by s = sqrt(D) / mean‖x − x̄‖ while training (dataset-wise, like Llama Scope) and s is folded into
/// the saved weights, so the result takes raw activations. Deterministic for a given seed and thread count.
/// </summary>
// N = tokens, B = batch, D = d_model, S = d_sae
public static class TopKSaeTrainer
{
    public static TopKSae Train(Tensor activations, TopKTrainingOptions o, Action<SaeTrainingProgress>? progress = null, CancellationToken ct = default)
    {
        if (activations.shape.Length != 2 || activations.shape[0] < 2)
            throw new ArgumentException($"SAE training needs activations [N>=2, D], got [{string.Join(",", activations.shape)}].");
        if (o.K < 1 || o.K > o.DSae) throw new ArgumentOutOfRangeException(nameof(o), $"k={o.K} must be in [1, d_sae={o.DSae}].");
        if (o.Steps < 1 || o.BatchSize < 2) throw new ArgumentOutOfRangeException(nameof(o), "Steps ≥ 1 and BatchSize ≥ 2 are required.");

        using var scope = NewDisposeScope();
        var n = activations.shape[0];
        var d = activations.shape[1];
        var batch = (int)Math.Min(o.BatchSize, n);
        var gen = new Generator((ulong)o.Seed);

        var x = activations.detach().to_type(ScalarType.Float32).cpu().contiguous();   // [N, D]
        // The scale uses the centred norm: residual streams carry large constant offsets, which b_dec absorbs, and the
        // learning rate should meet the varying part at a fixed size whatever the offset.
        var scale = Math.Sqrt(d) / (x - x.mean([0L])).pow(2).sum(dim: 1L).sqrt().mean().item<float>();
        var xs = x * scale;                                                 // [N, D], mean centred norm sqrt(D)

        // Tied initialisation with unit-norm decoder rows; b_dec at the data mean (Gao et al. §A.1). The rows start at
        // random centred samples plus a little noise rather than at random directions: with sparse data each sample is
        // already a combination of a few true features, and fewer latents start in empty directions.
        var mean = xs.mean([0L]);                                           // [D]
        var picks = randint(n, [o.DSae], generator: gen);                   // [S]
        var wdec0 = xs.index_select(0, picks) - mean + randn(o.DSae, d, generator: gen) * 0.1f;  // [S, D]
        wdec0 = wdec0 / wdec0.pow(2).sum(dim: 1L, keepdim: true).sqrt();  // [S, D]
        var W_enc = new Parameter(wdec0.t().contiguous());                  // [D, S]
        var b_enc = new Parameter(zeros(o.DSae));                           // [S]
        var W_dec = new Parameter(wdec0.clone());                           // [S, D]
        var b_dec = new Parameter(mean.clone());                           // [D]
        var optimizer = optim.Adam([W_enc, b_enc, W_dec, b_dec], lr: o.LearningRate);
        var decayFrom = (int)(o.Steps * (1 - o.DecayFraction));
        var schedule = optim.lr_scheduler.LambdaLR(optimizer,
            step => step < decayFrom ? 1.0 : Math.Max(0.0, (o.Steps - step) / (double)Math.Max(1, o.Steps - decayFrom)));

        var sinceFired = zeros(o.DSae, ScalarType.Int64);                   // [S] tokens since each latent last fired
        var perm = randperm(n, generator: gen);
        long pos = 0;
        var clock = Stopwatch.StartNew();
        for (var step = 1; step <= o.Steps; step++)
        {
            ct.ThrowIfCancellationRequested();
            using var stepScope = NewDisposeScope();
            if (pos + batch > n)
            {
                perm.Dispose();
                perm = randperm(n, generator: gen).MoveToOuterDisposeScope();
                pos = 0;
            }
            var xb = xs.index_select(0, perm.narrow(0, pos, batch));        // [B, D]
            pos += batch;

            var pre = (xb - b_dec).matmul(W_enc) + b_enc;                   // [B, S]
            var f = TopK(pre, o.K);                                         // [B, S]
            var err = xb - (f.matmul(W_dec) + b_dec);                       // [B, D]
            var loss = err.pow(2).sum() / (xb - xb.mean([0L])).pow(2).sum().detach();   // normalised MSE

            sinceFired.add_(batch).masked_fill_(f.gt(0).any(0), 0);
            var dead = sinceFired.ge(o.DeadAfterTokens);                    // [S]
            var nDead = dead.sum().item<long>();
            var aux = zeros(1);
            if (o.AuxKCoefficient > 0 && nDead > 0)
            {
                // AuxK: the top dead latents reconstruct what the live ones missed, which gives them a gradient again.
                var kAux = (int)Math.Min(d / 2, nDead);
                var fAux = TopK(pre.masked_fill(dead.logical_not(), double.NegativeInfinity), kAux);   // [B, S]
                var e = err.detach();
                aux = (e - fAux.matmul(W_dec)).pow(2).sum() / (e - e.mean([0L])).pow(2).sum().clamp_min(1e-12);
            }
            var total = loss + aux * o.AuxKCoefficient;

            optimizer.zero_grad();
            total.backward();
            using (no_grad())
            {
                // Drop the gradient along each decoder row: the renormalisation below would undo it anyway.
                var g = W_dec.grad!;
                g.sub_((g * W_dec).sum(dim: 1L, keepdim: true) * W_dec);
            }
            optimizer.step();
            schedule.step();
            using (no_grad())
                W_dec.div_(W_dec.pow(2).sum(dim: 1L, keepdim: true).sqrt());

            if (progress is not null && (step % o.ProgressEvery == 0 || step == o.Steps))
            {
                var rate = step / clock.Elapsed.TotalSeconds;
                progress(new SaeTrainingProgress(step, o.Steps, loss.item<float>(), aux.item<float>(), rate,
                    TimeSpan.FromSeconds((o.Steps - step) / rate), nDead / (double)o.DSae));
            }
        }

        // Fold the scale: ((x·s − b_dec) W_enc + b_enc) = (x − b_dec/s)(s·W_enc) + b_enc; x̂ = (f W_dec + b_dec)/s.
        var sae = new TopKSae(
            (W_enc.detach() * scale).contiguous(), b_enc.detach().clone(),
            (W_dec.detach() / scale).contiguous(), (b_dec.detach() / scale).contiguous(),
            o.K, o.HookName, applyBDecToInput: true);
        foreach (var t in sae.Weights.Values) t.MoveToOuterDisposeScope();
        return sae;
    }

    private static Tensor TopK(Tensor pre, int k)                           // pre: [B, S]
    {
        var (values, indexes) = pre.topk(k, dim: -1);                       // [B, k]
        return zeros_like(pre).scatter(-1, indexes, nn.functional.relu(values));
    }
}
