using RefusalSae.Core.Saes;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Saes;

public sealed class SaeTests
{
    [Fact]
    public void Jumprelu_features_at_or_below_threshold_are_exactly_zero()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        var x = SaeBuilder.Input(4, 7, 16);
        var pre = sae.PreActivations(x);                                    // [4, 7, 48]
        var f = sae.Encode(x);
        var thr = ((JumpReluSae)sae).Weights["threshold"];
        Assert.Equal(0f, f.masked_select(pre.le(thr)).abs().max().item<float>());
        Assert.True(f.masked_select(pre.gt(thr)).equal(pre.masked_select(pre.gt(thr))).all().item<bool>());
        Assert.True(f.count_nonzero().item<long>() > 0);
    }

    [Fact]
    public void Encoding_selected_features_gives_the_same_values_as_the_full_encoding()
    {
        using var scope = NewDisposeScope();
        long[] ids = [5, 0, 47, 12];
        foreach (ISae sae in new ISae[] { SaeBuilder.JumpRelu(applyBDec: true), SaeBuilder.TopK() })
        {
            var x = SaeBuilder.Input(3, 16);
            var full = sae.Encode(x).index_select(1, tensor(ids));
            var err = (sae.EncodeSelected(x, ids) - full).abs().max().item<float>();
            Assert.True(err < 1e-6, $"{sae.Architecture}: selected vs full {err}");
            sae.Dispose();
        }
    }

    [Fact]
    public void Topk_keeps_at_most_k_nonnegative_features_per_token()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.TopK(k: 5);
        var f = sae.Encode(SaeBuilder.Input(20, 16));
        Assert.True(f.ne(0).sum(dim: 1L).le(5).all().item<bool>());
        Assert.True(f.ge(0).all().item<bool>());
        Assert.True(f.ne(0).sum().item<long>() > 20);
    }

    [Fact]
    public void Error_plus_reconstruction_gives_back_the_input()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        var x = SaeBuilder.Input(6, 16);
        var back = sae.Decode(sae.Encode(x)) + sae.Error(x);
        Assert.True((back - x).abs().max().item<float>() < 1e-6);
    }

    [Fact]
    public void A_wrong_input_width_is_an_error_naming_the_hook_not_a_crash()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        var e = Assert.Throws<ArgumentException>(() => sae.Encode(zeros(2, 15)));
        Assert.Contains("blocks.3.hook_resid_post", e.Message);
        Assert.Contains("16", e.Message);
    }

    [Fact]
    public void Converting_to_bf16_keeps_the_architecture_and_changes_the_dtype()
    {
        using var scope = NewDisposeScope();
        using var sae = SaeBuilder.JumpRelu();
        using var bf = sae.To(CPU, ScalarType.BFloat16);
        Assert.Equal("jumprelu", bf.Architecture);
        Assert.Equal(ScalarType.BFloat16, bf.Encode(SaeBuilder.Input(2, 16)).dtype);
    }
}
