using static TorchSharp.torch;

namespace RefusalSae.Core.Saes;

/// <summary>
/// A sparse autoencoder on one hook point. Every implementation has an affine decoder x̂ = f W_dec + b_dec, which the
/// closed-form interventions (<see cref="SaeInterventions"/>) and the gradient projection (<see cref="SaeGradients"/>)
/// rely on. Shapes: x [.., D] → f [.., S]. Inputs are cast to the SAE's dtype, as SAELens does.
/// </summary>
public interface ISae : IDisposable
{
    /// <summary>"jumprelu", "topk" or "standard" (SAELens architecture names).</summary>
    string Architecture { get; }

    /// <summary>e.g. "blocks.12.hook_resid_post".</summary>
    string HookName { get; }

    /// <summary>The layer parsed from <see cref="HookName"/>, or -1 when the hook name has none.</summary>
    int Layer { get; }

    long DModel { get; }
    long DSae { get; }

    /// <summary>Decoder rows [S, D]: the feature directions.</summary>
    Tensor W_dec { get; }

    /// <summary>Encoder pre-activations, x W_enc + b_enc (after b_dec is subtracted when the SAE says so). [.., S]</summary>
    Tensor PreActivations(Tensor x);

    /// <summary>Feature activations f [.., S].</summary>
    Tensor Encode(Tensor x);

    /// <summary>Reconstruction x̂ = f W_dec + b_dec [.., D].</summary>
    Tensor Decode(Tensor f);

    /// <summary>The SAE error term x − decode(encode(x)) [.., D].</summary>
    Tensor Error(Tensor x);

    /// <summary>
    /// Activations of the features <paramref name="ids"/> only [.., K], in the order given. Uses only those encoder
    /// columns where the activation is elementwise (JumpReLU, ReLU); TopK needs every pre-activation.
    /// </summary>
    Tensor EncodeSelected(Tensor x, long[] ids);

    /// <summary>A copy on <paramref name="device"/> in <paramref name="dtype"/> (the paper runs SAEs in bf16).</summary>
    ISae To(Device device, ScalarType dtype);
}
