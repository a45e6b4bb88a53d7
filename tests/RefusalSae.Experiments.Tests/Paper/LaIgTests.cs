using RefusalSae.Core.Hooks;
using RefusalSae.Core.Saes;
using RefusalSae.Experiments.Paper;
using RefusalSae.Testing;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Tests.Paper;

public sealed class LaIgTests(ITestOutputHelper output)
{
    private const long RefusalId = 7;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_model_space_gradient_projected_through_W_dec_equals_the_feature_gradient_of_the_literal_hook(bool ablatedEndpoint)
    {
        using var setup = new TinyPaperSetup(ScalarType.Float64);
        var (ids, mask, _) = TinyPaperSetup.Batch(TinyPaperSetup.Prompts(3, seed: 1));
        var direction = randn(TinyPaperSetup.D, dtype: ScalarType.Float64, generator: new Generator(9));
        var options = new LaIgOptions { Steps = 4, AblatedResidualEndpoint = ablatedEndpoint };
        using var fast = LaIg.Attribute(setup.Model, setup.Saes, ids, mask, direction, RefusalId, options);
        var (grads, delta) = LiteralReference(setup, ids, mask, direction, fast.JailbreakIds, options);

        foreach (var l in setup.Saes.Keys)
        {
            var scale = grads[l].abs().max().item<double>();
            Assert.True(scale > 1e-6, $"layer {l}: the reference gradient is all zero, the test would prove nothing");
            MaxError.AssertWithin($"layer {l} grads", (fast.Grads[l].to_type(ScalarType.Float64) - grads[l]).abs().max().item<double>(), 1e-5 * scale, output);
            MaxError.AssertWithin($"layer {l} delta", (fast.Delta[l].to_type(ScalarType.Float64) - delta[l]).abs().max().item<double>(), 1e-6, output);
            var attr = delta[l] * grads[l];
            MaxError.AssertWithin($"layer {l} attrs", (fast.Attrs[l].to_type(ScalarType.Float64) - attr).abs().max().item<double>(), 1e-5 * scale, output);
        }
    }

    [Fact]
    public void A_prompt_gets_the_same_attribution_alone_as_inside_a_left_padded_batch()
    {
        using var setup = new TinyPaperSetup(ScalarType.Float64);
        var prompts = TinyPaperSetup.Prompts(4, seed: 2);
        var direction = randn(TinyPaperSetup.D, dtype: ScalarType.Float64, generator: new Generator(3));
        var candidates = CosineCandidates.PerLayer(setup.Saes, direction, 5);
        var (ids, mask, batch) = TinyPaperSetup.Batch(prompts);
        using var all = LaIg.Attribute(setup.Model, setup.Saes, ids, mask, direction, RefusalId, new LaIgOptions { Steps = 3 });
        var shortest = Enumerable.Range(0, prompts.Count).MinBy(i => prompts[i].Length);
        var (ids1, mask1, batch1) = TinyPaperSetup.Batch([prompts[shortest]]);
        using var alone = LaIg.Attribute(setup.Model, setup.Saes, ids1, mask1, direction, RefusalId, new LaIgOptions { Steps = 3 });

        var inBatch = PromptAttribution.FromBatch(all, batch.AttentionMask, shortest, candidates);
        var single = PromptAttribution.FromBatch(alone, batch1.AttentionMask, 0, candidates);
        Assert.Equal(single.JailbreakId, inBatch.JailbreakId);
        Assert.True(batch.Length > batch1.Length, "the chosen prompt must actually be padded in the batch");
        var err = inBatch.Candidates.Zip(single.Candidates, (a, b) => Math.Abs(a - b)).Max();
        MaxError.AssertWithin("candidate scores, batch vs alone", err, 1e-6, output);
        Assert.Contains(single.Candidates, v => Math.Abs(v) > 1e-6);
    }

    [Fact]
    public void Per_layer_LA_IG_gives_each_layer_the_attribution_of_a_run_that_interpolates_that_layer_alone()
    {
        using var setup = new TinyPaperSetup(ScalarType.Float64);
        var (ids, mask, _) = TinyPaperSetup.Batch(TinyPaperSetup.Prompts(3, seed: 7));
        var direction = randn(TinyPaperSetup.D, dtype: ScalarType.Float64, generator: new Generator(11));
        using var perLayer = LaIg.Attribute(setup.Model, setup.Saes, ids, mask, direction, RefusalId, new LaIgOptions { Steps = 3, PerLayer = true });
        using var together = LaIg.Attribute(setup.Model, setup.Saes, ids, mask, direction, RefusalId, new LaIgOptions { Steps = 3 });
        foreach (var l in setup.Saes.Keys)
        {
            using var alone = LaIg.Attribute(setup.Model, new Dictionary<int, ISae> { [l] = setup.Saes[l] }, ids, mask, direction, RefusalId,
                new LaIgOptions { Steps = 3 });
            var scale = alone.Attrs[l].abs().max().to_type(ScalarType.Float64).item<double>();
            Assert.True(scale > 1e-8, $"layer {l}: all-zero attribution proves nothing");
            MaxError.AssertWithin($"layer {l} per-layer vs alone", (perLayer.Attrs[l] - alone.Attrs[l]).abs().max().to_type(ScalarType.Float64).item<double>(), 1e-7 * Math.Max(1, scale), output);
        }
        var first = setup.Saes.Keys.Min();
        var differs = (perLayer.Attrs[first] - together.Attrs[first]).abs().max().to_type(ScalarType.Float64).item<double>();
        output.WriteLine($"layer {first}: per-layer vs all-at-once differ by {differs:E3}");
        Assert.True(differs > 1e-9, "with downstream layers interpolated too, the first layer's attribution must differ");
    }

    /// <summary>The original hook, literally: f_α = (1−α) enc(a) + α f^P is the tensor whose gradient is taken.</summary>
    private static (Dictionary<int, Tensor> Grads, Dictionary<int, Tensor> Delta) LiteralReference(TinyPaperSetup setup, Tensor ids, Tensor mask,
        Tensor direction, long[] jailbreak, LaIgOptions options)
    {
        var model = setup.Model;
        var saes = setup.Saes;
        var unit = direction / direction.norm();
        var fP = new Dictionary<int, Tensor>();
        var rP = new Dictionary<int, Tensor>();
        var fC = new Dictionary<int, Tensor>();
        using (no_grad())
        {
            var hooks = saes.Keys.Select(l => model.Hooks.Replace(HookName.ResidPost(l), a =>
            {
                var ab = a - a.matmul(unit).unsqueeze(-1) * unit;
                fP[l] = saes[l].Encode(ab).DetachFromDisposeScope();
                rP[l] = ((options.AblatedResidualEndpoint ? ab : a) - saes[l].Decode(fP[l])).DetachFromDisposeScope();
                return ab;
            })).ToList();
            model.Forward(ids, mask);
            hooks.ForEach(h => h.Dispose());
            hooks = saes.Keys.Select(l => model.Hooks.Read(HookName.ResidPost(l), h => fC[l] = saes[l].Encode(h).DetachFromDisposeScope())).ToList();
            model.Forward(ids, mask);
            hooks.ForEach(h => h.Dispose());
        }
        var sums = saes.Keys.ToDictionary(l => l, l => zeros_like(fP[l]));
        var jb = tensor(jailbreak).unsqueeze(1);
        for (var k = 0; k < options.Steps; k++)
        {
            var alpha = (double)k / options.Steps;
            var tracked = new Dictionary<int, Tensor>();
            var hooks = saes.Keys.Select(l => model.Hooks.Replace(HookName.ResidPost(l), a =>
            {
                var f = saes[l].Encode(a);
                var r = a - saes[l].Decode(f);
                var fa = (1 - alpha) * f + alpha * fP[l];
                tracked[l] = fa.DetachFromDisposeScope();
                return saes[l].Decode(fa) + (1 - alpha) * r + alpha * rP[l];
            })).ToList();
            var last = model.Forward(ids, mask).select(1, -1);
            hooks.ForEach(h => h.Dispose());
            var m = (last.gather(1, jb).squeeze(1) - last.select(1, RefusalId)).sum();
            var g = autograd.grad([m], saes.Keys.Select(l => tracked[l]).ToList());
            foreach (var (l, i) in saes.Keys.Select((l, i) => (l, i))) sums[l].add_(g[i].detach());
        }
        return (sums.ToDictionary(p => p.Key, p => p.Value / options.Steps), fP.ToDictionary(p => p.Key, p => p.Value - fC[p.Key]));
    }
}
