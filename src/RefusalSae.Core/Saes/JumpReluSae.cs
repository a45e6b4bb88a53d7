using static TorchSharp.torch;

namespace RefusalSae.Core.Saes;

/// <summary>
/// JumpReLU SAE (Gemma Scope, Llama Scope at inference): f = relu(pre) · 1[pre &gt; threshold]
/// (SAELens encode_jumprelu; google-deepmind Gemma Scope tutorial).
/// </summary>
public sealed class JumpReluSae : SaeBase
{
    private readonly Tensor threshold;  // [S]

    public JumpReluSae(Tensor W_enc, Tensor b_enc, Tensor W_dec, Tensor b_dec, Tensor threshold, string hookName, bool applyBDecToInput = false)
        : base(W_enc, b_enc, W_dec, b_dec, hookName, applyBDecToInput)
    {
        Check(threshold, "threshold", DSae);
        this.threshold = threshold;
    }

    public override string Architecture => "jumprelu";

    public override IReadOnlyDictionary<string, Tensor> Weights =>
        new Dictionary<string, Tensor>(base.Weights) { ["threshold"] = threshold };

    protected override Tensor Activate(Tensor pre) =>                       // pre: [.., S]
        nn.functional.relu(pre) * pre.gt(threshold).to_type(pre.dtype);

    protected override Tensor ActivateSelected(Tensor pre, Tensor idx) =>   // pre: [.., K]
        nn.functional.relu(pre) * pre.gt(threshold.index_select(0, idx)).to_type(pre.dtype);

    public override ISae To(Device device, ScalarType dtype)
    {
        var t = Converted(device, dtype, threshold);
        return new JumpReluSae(t[0], t[1], t[2], t[3], t[4], HookName, ApplyBDecToInput);
    }

    public override void Dispose()
    {
        threshold.Dispose();
        base.Dispose();
    }
}
