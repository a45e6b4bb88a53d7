using RefusalSae.Core.Hooks;
using RefusalSae.Core.Tests.Models;
using RefusalSae.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Hooks;

public sealed class HookRegistryTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_layer_has_a_resid_post_hook_point_named_as_in_TransformerLens()
    {
        using var model = Fixture.Load(Fixture.Gemma2);
        Assert.Equal(Enumerable.Range(0, 4).Select(l => $"blocks.{l}.hook_resid_post"), model.Hooks.Sites.Order());
        Assert.Throws<ArgumentException>(() => model.Hooks.Read("blocks.9.hook_resid_post", _ => { }));
    }

    [Fact]
    public void Replacing_a_resid_post_changes_everything_after_it_and_disposing_restores_the_model()
    {
        using var scope = torch.NewDisposeScope();
        var g = Fixture.Golden(Fixture.Gemma2);
        using var model = Fixture.Load(Fixture.Gemma2);
        using var _ = torch.no_grad();
        var clean = model.Forward(g["input_ids"], g["attention_mask"]);
        Tensor? seenAtLayer2 = null;
        using (model.Hooks.Replace(HookName.ResidPost(1), x => torch.zeros_like(x)))
        using (model.Hooks.Read(HookName.ResidPost(1), x => seenAtLayer2 = x.clone().DetachFromDisposeScope()))
        {
            var patched = model.Forward(g["input_ids"], g["attention_mask"]);
            Assert.True((patched - clean).abs().max().item<float>() > 1e-2);
        }
        // A later hook on the same site sees the earlier hook's result.
        Assert.Equal(0f, seenAtLayer2!.abs().max().item<float>());
        var again = model.Forward(g["input_ids"], g["attention_mask"]);
        MaxError.AssertWithin("after removing hooks", (again - clean).abs().max().item<float>(), 0.0, output);
        seenAtLayer2.Dispose();
    }

    [Fact]
    public void Adding_a_vector_equals_replacing_with_x_plus_the_vector()
    {
        using var scope = torch.NewDisposeScope();
        var g = Fixture.Golden(Fixture.Llama3);
        using var model = Fixture.Load(Fixture.Llama3);
        using var _ = torch.no_grad();
        var v = torch.randn(64, generator: new Generator(1));
        Tensor added, replaced;
        using (model.Hooks.AddTo(HookName.ResidPost(0), v)) added = model.Forward(g["input_ids"], g["attention_mask"]);
        using (model.Hooks.Replace(HookName.ResidPost(0), x => x + v)) replaced = model.Forward(g["input_ids"], g["attention_mask"]);
        MaxError.AssertWithin("add vs replace", (added - replaced).abs().max().item<float>(), 0.0, output);
    }

    [Fact]
    public void Run_to_layer_returns_that_layers_resid_post()
    {
        using var scope = torch.NewDisposeScope();
        var g = Fixture.Golden(Fixture.Gemma2);
        using var model = Fixture.Load(Fixture.Gemma2);
        using var _ = torch.no_grad();
        var resid1 = model.RunToLayer(g["input_ids"], g["attention_mask"], 1);
        var err = Fixture.MaxErrorOnTokens(resid1, g["f32.hidden_states.2"], g["attention_mask"]);
        MaxError.AssertWithin("RunToLayer(1) vs hidden_states.2", err, 1e-4, output);
    }

    [Fact]
    public void Gradients_flow_into_resid_post_tensors_that_replace_every_layer()
    {
        // LA-IG pattern: resid_post of every layer is replaced by a leaf requiring grad (here x + delta_L with
        // delta_L = 0, so the forward is unchanged and every layer's delta is on the path to the logits).
        using var scope = torch.NewDisposeScope();
        var g = Fixture.Golden(Fixture.Gemma2);
        using var model = Fixture.Load(Fixture.Gemma2);
        var ids = g["input_ids"];
        var deltas = Enumerable.Range(0, 4).Select(_ => torch.zeros(2, 12, 64, requires_grad: true)).ToList();
        var hooks = deltas.Select((d, l) => model.Hooks.Replace(HookName.ResidPost(l), x => x + d)).ToList();
        var metric = model.Forward(ids, g["attention_mask"])[.., -1, 7].sum();
        metric.backward();
        foreach (var h in hooks) h.Dispose();
        for (var l = 0; l < 4; l++)
            Assert.True(deltas[l].grad is { } gr && gr.abs().sum().item<float>() > 0, $"layer {l} got no gradient");

        // The last layer's gradient equals a central finite difference along a random direction.
        var dir = torch.randn(2, 12, 64, generator: new Generator(5));
        double Metric(double eps)
        {
            using var _ = torch.no_grad();
            using var h = model.Hooks.AddTo(HookName.ResidPost(3), dir * eps);
            return model.Forward(ids, g["attention_mask"])[.., -1, 7].sum().to_type(ScalarType.Float64).item<double>();
        }
        var fd = (Metric(1e-2) - Metric(-1e-2)) / 2e-2;
        var analytic = (deltas[3].grad! * dir).sum().item<float>();
        MaxError.AssertWithin("d metric / d resid_post 3 (vs finite difference)", Math.Abs(fd - analytic), 1e-2 * Math.Max(1, Math.Abs(fd)), output);
    }
}
