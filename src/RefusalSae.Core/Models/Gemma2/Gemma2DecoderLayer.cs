using RefusalSae.Core.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Gemma2;

/// <summary>
/// Gemma-2 block with "sandwich" norms (formats.md §1.2): the post-norms apply to each sub-layer's output before
/// the residual add; even layers use the sliding-window mask.
/// </summary>
public sealed class Gemma2DecoderLayer : DecoderLayer
{
    // Declared in call order; names = model.layers.{i}.<field>
    private readonly RmsNorm input_layernorm;
    private readonly Attention self_attn;
    private readonly RmsNorm post_attention_layernorm;
    private readonly RmsNorm pre_feedforward_layernorm;
    private readonly GatedMlp mlp;
    private readonly RmsNorm post_feedforward_layernorm;
    private readonly bool _sliding;

    public Gemma2DecoderLayer(ModelConfig cfg, int layer, WeightInit init) : base(nameof(Gemma2DecoderLayer))
    {
        input_layernorm = new RmsNorm(cfg.HiddenSize, cfg.RmsNormEps, gemmaOffset: true, init);
        self_attn = new Attention(cfg, layer, init);
        post_attention_layernorm = new RmsNorm(cfg.HiddenSize, cfg.RmsNormEps, gemmaOffset: true, init);
        pre_feedforward_layernorm = new RmsNorm(cfg.HiddenSize, cfg.RmsNormEps, gemmaOffset: true, init);
        mlp = new GatedMlp(cfg, init);
        post_feedforward_layernorm = new RmsNorm(cfg.HiddenSize, cfg.RmsNormEps, gemmaOffset: true, init);
        _sliding = cfg.IsSlidingLayer(layer);
        RegisterComponents();
    }

    public override Tensor Forward(Tensor h, LayerContext ctx)                         // h: (B, T, D)
    {
        using var scope = torch.NewDisposeScope();
        var mask = _sliding ? ctx.SlidingMask! : ctx.FullMask;
        var a = self_attn.Forward(input_layernorm.Forward(h), ctx, mask);              // (B, T, D)
        h = h + post_attention_layernorm.Forward(a);
        var m = mlp.Forward(pre_feedforward_layernorm.Forward(h));                     // (B, T, D)
        return (h + post_feedforward_layernorm.Forward(m)).MoveToOuterDisposeScope();  // resid_post
    }
}
