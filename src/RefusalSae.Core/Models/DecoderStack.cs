using RefusalSae.Core.Models.Gemma2;
using RefusalSae.Core.Models.Layers;
using RefusalSae.Core.Models.Llama;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models;

/// <summary>The "model." part of a checkpoint: embed_tokens, layers.{i}, norm.</summary>
public sealed class DecoderStack : nn.Module
{
    private readonly TokenEmbedding embed_tokens;
    private readonly ModuleList<DecoderLayer> layers;
    private readonly RmsNorm norm;

    public DecoderStack(ModelConfig cfg, WeightInit init) : base(nameof(DecoderStack))
    {
        var gemma = cfg.Architecture == ModelArchitecture.Gemma2;
        embed_tokens = new TokenEmbedding(cfg.VocabSize, cfg.HiddenSize, init);
        layers = new ModuleList<DecoderLayer>(Enumerable.Range(0, cfg.NumHiddenLayers)
            .Select(i => gemma ? (DecoderLayer)new Gemma2DecoderLayer(cfg, i, init) : new LlamaDecoderLayer(cfg, i, init))
            .ToArray());
        norm = new RmsNorm(cfg.HiddenSize, cfg.RmsNormEps, gemmaOffset: gemma, init);
        RegisterComponents();
    }

    public TokenEmbedding Embed => embed_tokens;
    public DecoderLayer Layer(int index) => layers[index];
    public RmsNorm Norm => norm;
}
