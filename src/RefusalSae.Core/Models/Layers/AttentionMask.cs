using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>
/// Additive attention masks (B, 1, T, S) as HF eager attention builds them: 0 where a query may attend, finfo.min
/// elsewhere (never -inf, so a fully masked pad row stays finite). Indices are positions in the padded sequence
/// (HF cache positions), so the sliding window counts pads, exactly as HF's tril(diagonal=-window) does.
/// </summary>
public static class AttentionMask
{
    /// <param name="attentionMask">(B, S) 1 = real token, 0 = pad; S = cached + new tokens.</param>
    /// <param name="newTokens">T: queries are the last T positions.</param>
    public static Tensor Build(Tensor attentionMask, long newTokens, ScalarType dtype, int? slidingWindow)
    {
        using var scope = torch.NewDisposeScope();
        var s = attentionMask.shape[1];
        var device = attentionMask.device;
        var q = torch.arange(s - newTokens, s, device: device).view(-1, 1);             // (T, 1) query index
        var k = torch.arange(0, s, device: device).view(1, -1);                         // (1, S) key index
        var allowed = k <= q;                                                          // (T, S) causal
        if (slidingWindow is { } w) allowed = allowed & ((q - k) < w);
        var keep = allowed.unsqueeze(0) & attentionMask.to_type(ScalarType.Bool).unsqueeze(1); // (B, T, S)
        var zero = torch.zeros(1, dtype, device);
        var min = torch.full(1, MinValue(dtype), dtype, device);
        return torch.where(keep, zero, min).unsqueeze(1).MoveToOuterDisposeScope();    // (B, 1, T, S)
    }

    /// <summary>torch.finfo(dtype).min.</summary>
    public static double MinValue(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 => float.MinValue,
        ScalarType.BFloat16 => -3.3895313892515355e38,
        ScalarType.Float16 => -65504.0,
        ScalarType.Float64 => double.MinValue,
        _ => throw new ArgumentException($"no attention mask for dtype {dtype}"),
    };
}
