using RefusalSae.Core.Saes;
using RefusalSae.Testing;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Saes;

public sealed class SaeInterventionsTests(ITestOutputHelper output)
{
    private static readonly long[] Ids = [3, 17, 40];

    [Theory]
    [InlineData(-3.0)]
    [InlineData(0.0)]
    [InlineData(2.5)]
    public void Scaling_in_closed_form_equals_the_papers_decode_plus_error_path(double c)
    {
        using var scope = NewDisposeScope();
        foreach (ISae sae in new ISae[] { SaeBuilder.JumpRelu(), SaeBuilder.TopK(k: 12) })
        {
            var h = SaeBuilder.Input(2, 9, 16) * 3;
            var literal = SaeInterventions.ReplaceFeatures(sae, h, f => f.index_put_(f.index_select(-1, tensor(Ids)) * c, TensorIndex.Ellipsis, TensorIndex.Tensor(tensor(Ids))));
            var closed = SaeInterventions.ScaleFeatures(sae, h, Ids, c);
            MaxError.AssertWithin($"{sae.Architecture} scale c={c}", (literal - closed).abs().max().item<float>(), 1e-5, output);
            Assert.True((closed - h).abs().max().item<float>() > 1e-3, "some selected feature was active, so h changed");
            sae.Dispose();
        }
    }

    [Fact]
    public void Setting_features_in_closed_form_equals_the_papers_path()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        var h = SaeBuilder.Input(5, 16) * 3;
        var literal = SaeInterventions.ReplaceFeatures(sae, h, f => f.index_fill_(-1, tensor(Ids), 10.0));
        var closed = SaeInterventions.SetFeatures(sae, h, Ids, 10.0);
        MaxError.AssertWithin("set 10", (literal - closed).abs().max().item<float>(), 1e-5, output);
    }

    [Fact]
    public void Scaling_by_one_or_selecting_nothing_returns_the_input_and_keeps_its_dtype()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        var h = SaeBuilder.Input(4, 16).to_type(ScalarType.BFloat16);
        var same = SaeInterventions.ScaleFeatures(sae, h, Ids, 1.0);
        Assert.Equal(ScalarType.BFloat16, same.dtype);
        Assert.True(same.equal(h).all().item<bool>());
        Assert.True(SaeInterventions.ScaleFeatures(sae, h, [], -3).equal(h).all().item<bool>());
    }

    [Fact]
    public void Per_row_feature_lists_scale_each_prompt_by_its_own_features()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        var h = SaeBuilder.Input(3, 5, 16) * 3;
        long[][] ids = [[3, 17], [], [40, 1, 2]];
        var all = SaeInterventions.ScaleFeaturesPerRow(sae, h, ids, -3);
        for (var b = 0; b < 3; b++)
        {
            var one = SaeInterventions.ScaleFeatures(sae, h.narrow(0, b, 1), ids[b], -3);
            Assert.True(all.narrow(0, b, 1).equal(one).all().item<bool>(), $"row {b}");
        }
        Assert.True(all[1].equal(h[1]).all().item<bool>());
        Assert.False(all[0].equal(h[0]).all().item<bool>());
    }

    [Fact]
    public void Feature_gradients_from_the_residual_gradient_match_autograd_through_the_decoder()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        var x = SaeBuilder.Input(3, 4, 16) * 2;
        var w = SaeBuilder.Input(16);
        Tensor Metric(Tensor outp) => (outp.tanh() * w).sum() + outp.pow(2).sum() * 0.1;

        // Reference: gradient on the S-wide feature tensor, as the original hook tracks it.
        var f = sae.Encode(x).detach().requires_grad_(true);
        var r = sae.Error(x).detach();
        Metric(sae.Decode(f) + r).backward();

        // Port: gradient on the D-wide hook output, projected with W_decᵀ.
        var outp = (sae.Decode(f.detach()) + r).detach().requires_grad_(true);
        Metric(outp).backward();
        var projected = SaeGradients.ToFeatures(sae, outp.grad!);

        MaxError.AssertWithin("grad_f all features", (projected - f.grad!).abs().max().item<float>(), 1e-5, output);
        var some = SaeGradients.ToFeatures(sae, outp.grad!, Ids);
        MaxError.AssertWithin("grad_f selected", (some - f.grad!.index_select(-1, tensor(Ids))).abs().max().item<float>(), 1e-5, output);
        Assert.True(f.grad!.abs().max().item<float>() > 1e-2);
    }
}
