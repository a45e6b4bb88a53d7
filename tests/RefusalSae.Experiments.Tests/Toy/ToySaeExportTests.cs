using RefusalSae.Core.Saes;
using RefusalSae.Experiments.Toy.Saes;
using RefusalSae.Testing;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Tests.Toy;

/// <summary>train-sae's Gemma Scope and Llama Scope exports, read back by the loaders the paper configurations use.</summary>
public sealed class ToySaeExportTests
{
    private const int D = 16, S = 64, K = 4;

    private static (TopKSae Sae, Tensor X) Random()
    {
        torch.manual_seed(5);
        var sae = new TopKSae(randn(D, S) * 0.3f, randn(S) * 0.1f, randn(S, D) * 0.3f, randn(D) * 0.1f, K, "blocks.3.hook_resid_post");
        return (sae, randn(2000, D) * 4f);
    }

    private static double MaxAbs(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    [Fact]
    public void The_jumprelu_conversion_keeps_the_weights_and_k_latents_per_token_on_average()
    {
        var (sae, x) = Random();
        using var jump = TopKToJumpRelu.Convert(sae, x);
        var l0 = jump.Encode(x).ne(0).sum(1).to_type(ScalarType.Float64).mean().item<double>();
        Assert.InRange(l0, K - 0.05, K + 0.05);                          // the threshold is the (n·k)-th largest pre-activation
        var topkActive = sae.Encode(x).ne(0);
        var agree = (jump.Encode(x).ne(0) == topkActive).to_type(ScalarType.Float64).mean().item<double>();
        Assert.True(agree > 0.95, $"JumpReLU and TopK agree on {agree:P1} of latent activity");
        MaxError.AssertWithin("decode of the same codes", MaxAbs(jump.Decode(jump.Encode(x)), sae.Decode(jump.Encode(x))), 0);
    }

    [Fact]
    public void A_gemma_scope_params_npz_loads_back_as_the_same_sae_at_its_layer()
    {
        var (sae, x) = Random();
        using var jump = TopKToJumpRelu.Convert(sae, x);
        var dir = Path.Combine(Directory.CreateTempSubdirectory("rsw-gs-").FullName, "saes", "layer_3");
        GemmaScopeWriter.Save(dir, jump);
        using var loaded = SaeLoader.Load(dir);
        Assert.Equal("jumprelu", loaded.Architecture);
        Assert.Equal(3, loaded.Layer);
        MaxError.AssertWithin("Gemma Scope round trip, codes", MaxAbs(loaded.Encode(x), jump.Encode(x)), 0);
    }

    [Fact]
    public void A_llama_scope_checkpoint_is_the_same_sae_under_corrected_folding_and_keeps_the_papers_threshold_bug_under_552()
    {
        var (sae, x) = Random();
        using var jump = TopKToJumpRelu.Convert(sae, x);
        var dir = Path.Combine(Directory.CreateTempSubdirectory("rsw-ls-").FullName, "Llama3_1-8B-Base-L3R-8x");
        var meanNorm = x.norm(1).mean().item<float>();
        LlamaScopeWriter.Save(dir, jump, meanNorm, K);
        Assert.True(File.Exists(Path.Combine(dir, "checkpoints", "final.safetensors")));

        using var corrected = SaeLoader.Load(dir, new SaeLoadOptions { LlamaScopeThreshold = LlamaScopeThreshold.Corrected });
        Assert.Equal(3, corrected.Layer);
        // BF16 storage (as released): pre-activations agree to bf16 precision; the decision boundary can move only for
        // latents within that distance of the threshold, so compare reconstructions of the same codes and the pre-activations.
        var pre = MaxAbs(corrected.PreActivations(x), jump.PreActivations(x)) / jump.PreActivations(x).abs().max().item<float>();
        MaxError.AssertWithin("Llama Scope round trip, relative pre-activation", pre, 1e-2);
        var codes = jump.Encode(x);
        var rel = MaxAbs(corrected.Decode(codes), jump.Decode(codes)) / jump.Decode(codes).abs().max().item<float>();
        MaxError.AssertWithin("Llama Scope round trip, relative reconstruction", rel, 1e-2);

        using var paper = SaeLoader.Load(dir, new SaeLoadOptions { LlamaScopeThreshold = LlamaScopeThreshold.Paper552 });
        var s = Math.Sqrt(D) / meanNorm;
        var l0Corrected = corrected.Encode(x).ne(0).sum(1).to_type(ScalarType.Float64).mean().item<double>();
        var l0Paper = paper.Encode(x).ne(0).sum(1).to_type(ScalarType.Float64).mean().item<double>();
        Assert.True(s < 1 ? l0Paper < l0Corrected : l0Paper > l0Corrected, $"s = {s:F3}: L0 {l0Paper:F2} (5.5.2) vs {l0Corrected:F2} (corrected)");
    }
}
