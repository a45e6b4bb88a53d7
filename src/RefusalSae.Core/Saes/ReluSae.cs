using static TorchSharp.torch;

namespace RefusalSae.Core.Saes;

/// <summary>The plain ReLU SAE (SAELens architecture "standard"): f = relu(pre).</summary>
public sealed class ReluSae : SaeBase
{
    public ReluSae(Tensor W_enc, Tensor b_enc, Tensor W_dec, Tensor b_dec, string hookName, bool applyBDecToInput = false)
        : base(W_enc, b_enc, W_dec, b_dec, hookName, applyBDecToInput) { }

    public override string Architecture => "standard";

    protected override Tensor Activate(Tensor pre) => nn.functional.relu(pre);

    protected override Tensor ActivateSelected(Tensor pre, Tensor idx) => nn.functional.relu(pre);

    public override ISae To(Device device, ScalarType dtype)
    {
        var t = Converted(device, dtype);
        return new ReluSae(t[0], t[1], t[2], t[3], HookName, ApplyBDecToInput);
    }
}
