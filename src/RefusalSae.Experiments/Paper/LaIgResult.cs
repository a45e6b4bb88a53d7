using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// LA-IG output for one left-padded batch, per SAE layer: attribution = Δf ⊙ mean gradient, the mean feature
/// gradient and Δf = f^P − f^C, each [B, T, S] float32; the jailbreak token j_b per prompt [B].
/// </summary>
public sealed class LaIgResult : IDisposable
{
    public required IReadOnlyDictionary<int, Tensor> Attrs { get; init; }
    public required IReadOnlyDictionary<int, Tensor> Grads { get; init; }
    public required IReadOnlyDictionary<int, Tensor> Delta { get; init; }
    /// <summary>Mean over α of ∂m/∂(hook output) in model space [B, T, D], before the projection through W_decᵀ.</summary>
    public required IReadOnlyDictionary<int, Tensor> ModelSpaceGrads { get; init; }
    public required long[] JailbreakIds { get; init; }

    public void Dispose()
    {
        foreach (var t in Attrs.Values.Concat(Grads.Values).Concat(Delta.Values).Concat(ModelSpaceGrads.Values)) t.Dispose();
    }
}
