using RefusalSae.Core.Hooks;
using RefusalSae.Core.Saes;
using RefusalSae.Experiments.Paper;
using RefusalSae.Testing;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Tests.Paper;

public sealed class InterventionsTests(ITestOutputHelper output)
{
    [Fact]
    public void Clamping_equals_the_literal_decode_plus_error_path_and_touches_only_the_selected_features()
    {
        using var setup = new TinyPaperSetup(ScalarType.Float64);
        var (ids, mask, _) = TinyPaperSetup.Batch(TinyPaperSetup.Prompts(3, seed: 4));
        var chosen = new[] { new FeatureRef(1, 3), new FeatureRef(1, 17), new FeatureRef(1, 30) };
        var sae = setup.Saes[1];

        Tensor Literal(Tensor h) => SaeInterventions.ReplaceFeatures(sae, h, f =>
        {
            foreach (var c in chosen) f[.., .., c.Index] *= -3.0;
            return f;
        });
        Tensor? fast = null, literal = null;
        using (Interventions.ScaleFeatures(setup.Model, setup.Saes, [chosen], -3.0))
        using (setup.Model.Hooks.Read(HookName.ResidPost(1), h => fast = h.detach().clone().DetachFromDisposeScope()))
        using (no_grad())
            setup.Model.Forward(ids, mask);
        using (no_grad())
        using (setup.Model.Hooks.Replace(HookName.ResidPost(1), h => literal = Literal(h).DetachFromDisposeScope()))
            setup.Model.Forward(ids, mask);

        MaxError.AssertWithin("clamped resid_post vs literal path", (fast! - literal!).abs().max().item<double>(), 1e-10, output);
        // The change lies in the span of the selected decoder rows: removing that span leaves nothing.
        using var scope = NewDisposeScope();
        Tensor? clean = null;
        using (no_grad())
        using (setup.Model.Hooks.Read(HookName.ResidPost(1), h => clean = h.detach().clone().DetachFromDisposeScope()))
            setup.Model.Forward(ids, mask);
        var rows = sae.W_dec.index_select(0, tensor(chosen.Select(c => c.Index).ToArray()));   // [K, D]
        var change = (fast! - clean!).reshape(-1, TinyPaperSetup.D);
        var coef = linalg.lstsq(rows.t(), change.t()).Solution;                               // [K, N]
        var residual = (rows.t().matmul(coef) - change.t()).abs().max().item<double>();
        Assert.True(change.abs().max().item<double>() > 1e-3, "the clamp must change something for the test to mean anything");
        MaxError.AssertWithin("change outside the selected decoder rows", residual, 1e-9, output);
    }

    [Fact]
    public void A_multiplier_of_one_and_an_empty_set_leave_the_logits_unchanged()
    {
        using var setup = new TinyPaperSetup();
        var (ids, mask, _) = TinyPaperSetup.Batch(TinyPaperSetup.Prompts(3, seed: 5));
        using var _ = no_grad();
        var clean = setup.Model.Forward(ids, mask);
        Tensor one, empty;
        using (Interventions.ScaleFeatures(setup.Model, setup.Saes, [[new FeatureRef(0, 1), new FeatureRef(2, 5)]], 1.0))
            one = setup.Model.Forward(ids, mask);
        using (Interventions.ScaleFeatures(setup.Model, setup.Saes, [[]], -3.0))
            empty = setup.Model.Forward(ids, mask);
        MaxError.AssertWithin("c = 1", (one - clean).abs().max().item<float>(), 1e-5, output);
        Assert.Equal(0f, (empty - clean).abs().max().item<float>());
    }

    [Fact]
    public void Per_row_sets_clamp_each_row_with_its_own_features()
    {
        using var setup = new TinyPaperSetup(ScalarType.Float64);
        var prompts = TinyPaperSetup.Prompts(2, seed: 6);
        IReadOnlyList<FeatureRef>[] sets = [[new FeatureRef(0, 2), new FeatureRef(1, 9)], [new FeatureRef(2, 4)]];
        var (ids, mask, _) = TinyPaperSetup.Batch(prompts);
        using var _ = no_grad();
        Tensor batched;
        using (Interventions.ScaleFeatures(setup.Model, setup.Saes, sets, -2.0))
            batched = setup.Model.Forward(ids, mask).select(1, -1);                              // [2, V]
        for (var b = 0; b < 2; b++)
        {
            var (ids1, mask1, _) = TinyPaperSetup.Batch([prompts[b]]);
            using (Interventions.ScaleFeatures(setup.Model, setup.Saes, [sets[b]], -2.0))
            {
                var alone = setup.Model.Forward(ids1, mask1).select(1, -1)[0];
                MaxError.AssertWithin($"row {b}", (alone - batched[b]).abs().max().item<double>(), 1e-9, output);
            }
        }
    }

    [Fact]
    public void Directional_ablation_leaves_no_component_along_the_direction_at_any_layer()
    {
        using var setup = new TinyPaperSetup(ScalarType.Float64);
        var (ids, mask, _) = TinyPaperSetup.Batch(TinyPaperSetup.Prompts(3, seed: 7));
        var v = randn(TinyPaperSetup.D, dtype: ScalarType.Float64, generator: new Generator(1)) * 5;
        var reads = new List<Tensor>();
        using (Interventions.AblateDirection(setup.Model, v))
        using (no_grad())
        {
            // Readers added after the ablation run after it on the same site.
            var hooks = Enumerable.Range(0, TinyPaperSetup.Layers).Select(l => setup.Model.Hooks.Read(HookName.ResidPost(l), h => reads.Add(h.detach().clone().DetachFromDisposeScope()))).ToList();
            setup.Model.Forward(ids, mask);
            hooks.ForEach(h => h.Dispose());
        }
        Assert.Equal(TinyPaperSetup.Layers, reads.Count);
        var worst = reads.Max(r => r.matmul(v / v.norm()).abs().max().item<double>());
        MaxError.AssertWithin("projection on the direction", worst, 1e-10, output);
    }
}
