using RefusalSae.Core.Tensors;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>
/// Grouped-query self-attention, eager path of HF Gemma2Attention / LlamaAttention: scores scaled, optionally
/// soft-capped (Gemma-2, before the mask), mask added, softmax in float32 then cast back.
/// </summary>
public sealed class Attention : nn.Module
{
    // B = batch, T = new tokens, S = all tokens, H = query heads, K = kv heads, E = head dim, D = hidden
    private readonly LinearNoBias q_proj;
    private readonly LinearNoBias k_proj;
    private readonly LinearNoBias v_proj;
    private readonly LinearNoBias o_proj;
    private readonly int _heads, _kvHeads, _headDim, _layer;
    private readonly double _scale;
    private readonly double? _softcap;

    public Attention(ModelConfig cfg, int layer, WeightInit init) : base(nameof(Attention))
    {
        _heads = cfg.NumAttentionHeads; _kvHeads = cfg.NumKeyValueHeads; _headDim = cfg.HeadDim; _layer = layer;
        _scale = cfg.AttentionScale;
        _softcap = cfg.AttnLogitSoftcapping;
        q_proj = new LinearNoBias(cfg.HiddenSize, _heads * _headDim, init);
        k_proj = new LinearNoBias(cfg.HiddenSize, _kvHeads * _headDim, init);
        v_proj = new LinearNoBias(cfg.HiddenSize, _kvHeads * _headDim, init);
        o_proj = new LinearNoBias(_heads * _headDim, cfg.HiddenSize, init);
        RegisterComponents();
    }

    public Tensor Forward(Tensor x, LayerContext ctx, Tensor mask)                    // x: (B, T, D); mask (B, 1, T, S)
    {
        using var scope = torch.NewDisposeScope();
        long b = x.shape[0], t = x.shape[1];
        var q = q_proj.Forward(x).view(b, t, _heads, _headDim).transpose(1, 2);       // (B, H, T, E)
        var k = k_proj.Forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2);     // (B, K, T, E)
        var v = v_proj.Forward(x).view(b, t, _kvHeads, _headDim).transpose(1, 2);     // (B, K, T, E)
        q = RotaryEmbedding.Apply(q, ctx.Cos, ctx.Sin);
        k = RotaryEmbedding.Apply(k, ctx.Cos, ctx.Sin);
        if (ctx.Cache is { } cache) (k, v) = cache.Append(_layer, k, v);              // (B, K, S, E)
        var groups = _heads / _kvHeads;
        if (groups > 1)
        {
            // repeat_kv: kv head j serves query heads j*groups .. j*groups+groups-1
            k = k.repeat_interleave(groups, 1);                                         // (B, H, S, E)
            v = v.repeat_interleave(groups, 1);
        }
        var scores = torch.matmul(q, k.transpose(2, 3)).Times(_scale);                      // (B, H, T, S)
        if (_softcap is { } cap) scores = scores.SoftCapped(cap);
        scores = scores + mask;
        // softmax in f32 as HF (f64 stays f64: its finfo.min would overflow to -inf in f32 and fully masked pad rows turn NaN)
        var softmaxType = q.dtype == ScalarType.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        var probs = scores.softmax(-1, softmaxType).to_type(q.dtype);                 // (B, H, T, S)
        var a = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, _heads * _headDim); // (B, T, H*E)
        return o_proj.Forward(a).MoveToOuterDisposeScope();                           // (B, T, D)
    }
}
