using static TorchSharp.torch;

namespace RefusalSae.Core.Saes;

/// <summary>
/// TopK SAE (Gao et al. 2024; SAELens TopK): keep the k largest pre-activations per token, then ReLU; all others 0.
/// </summary>
public sealed class TopKSae : SaeBase
{
    public TopKSae(Tensor W_enc, Tensor b_enc, Tensor W_dec, Tensor b_dec, int k, string hookName, bool applyBDecToInput = false)
        : base(W_enc, b_enc, W_dec, b_dec, hookName, applyBDecToInput)
    {
        if (k < 1 || k > DSae) throw new ArgumentOutOfRangeException(nameof(k), $"TopK SAE k={k} must be in [1, {DSae}].");
        K = k;
    }

    public int K { get; }

    public override string Architecture => "topk";

    protected override Tensor Activate(Tensor pre)                          // pre: [.., S]
    {
        var (values, indexes) = pre.topk(K, dim: -1);                       // [.., k]
        return zeros_like(pre).scatter(-1, indexes, nn.functional.relu(values));
    }

    /// <summary>Which features survive depends on every pre-activation, so this encodes fully and selects.</summary>
    public override Tensor EncodeSelected(Tensor x, long[] ids)
    {
        CheckIds(ids);
        using var scope = NewDisposeScope();
        var f = Encode(x);                                                  // [.., S]
        return f.index_select(-1, tensor(ids, device: f.device)).MoveToOuterDisposeScope();   // [.., K]
    }

    protected override Tensor ActivateSelected(Tensor pre, Tensor idx) =>
        throw new NotSupportedException("TopK selection needs all pre-activations.");

    public override ISae To(Device device, ScalarType dtype)
    {
        var t = Converted(device, dtype);
        return new TopKSae(t[0], t[1], t[2], t[3], K, HookName, ApplyBDecToInput);
    }
}
