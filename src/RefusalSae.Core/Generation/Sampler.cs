using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Generation;

/// <summary>Seeded multinomial sampling; the same seed and inputs give the same tokens.</summary>
internal sealed class Sampler(SamplingOptions options)
{
    private readonly Generator _generator = new((ulong)options.Seed);

    public Tensor Choose(Tensor logits)                                                  // (B, V) f32 → (B)
    {
        using var scope = torch.NewDisposeScope();
        if (options.Temperature <= 0) return logits.argmax(-1).MoveToOuterDisposeScope();
        var scaled = logits / options.Temperature;
        if (options.TopK is { } k && k < scaled.shape[^1])
        {
            var kth = scaled.topk(k, -1).values[.., ^1..];                                // (B, 1)
            scaled = scaled.masked_fill(scaled < kth, double.NegativeInfinity);
        }
        var probs = scaled.softmax(-1).cpu();                                           // CPU: the generator lives there
        return torch.multinomial(probs, 1, generator: _generator).squeeze(1).to(logits.device).MoveToOuterDisposeScope();
    }
}
