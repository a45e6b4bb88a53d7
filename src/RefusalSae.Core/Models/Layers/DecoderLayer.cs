using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>One transformer block: maps the residual stream (B, T, D) to the block's output (its resid_post).</summary>
public abstract class DecoderLayer(string name) : nn.Module(name)
{
    public abstract Tensor Forward(Tensor h, LayerContext ctx);
}
