using RefusalSae.Core.Models.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Llama;

/// <summary>Llama pre-norm block (formats.md §2.3): h += attn(norm(h)); h += mlp(norm(h)).</summary>
public sealed class LlamaDecoderLayer : DecoderLayer
{
    // Declared in call order; names = model.layers.{i}.<field>
    private readonly RmsNorm input_layernorm;
    private readonly Attention self_attn;
    private readonly RmsNorm post_attention_layernorm;   // the pre-MLP norm, despite its name
    private readonly GatedMlp mlp;

    public LlamaDecoderLayer(ModelConfig cfg, int layer, WeightInit init) : base(nameof(LlamaDecoderLayer))
    {
        input_layernorm = new RmsNorm(cfg.HiddenSize, cfg.RmsNormEps, gemmaOffset: false, init);
        self_attn = new Attention(cfg, layer, init);
        post_attention_layernorm = new RmsNorm(cfg.HiddenSize, cfg.RmsNormEps, gemmaOffset: false, init);
        mlp = new GatedMlp(cfg, init);
        RegisterComponents();
    }

    public override Tensor Forward(Tensor h, LayerContext ctx)                         // h: (B, T, D)
    {
        using var scope = torch.NewDisposeScope();
        h = h + self_attn.Forward(input_layernorm.Forward(h), ctx, ctx.FullMask);
        return (h + mlp.Forward(post_attention_layernorm.Forward(h))).MoveToOuterDisposeScope();
    }
}
