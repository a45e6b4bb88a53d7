using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>Token embedding table; also the tied unembedding of Gemma-2.</summary>
public sealed class TokenEmbedding : nn.Module
{
    private readonly Parameter weight;   // (V, D)

    public TokenEmbedding(long vocab, long dim, WeightInit init) : base(nameof(TokenEmbedding))
    {
        weight = init.Normal(vocab, dim);
        RegisterComponents();
    }

    public Tensor Weight => weight;

    public Tensor Forward(Tensor ids)                                                  // ids: (B, T) int64
    {
        using var scope = torch.NewDisposeScope();
        var flat = weight.index_select(0, ids.reshape(-1));                            // (B*T, D)
        return flat.view(ids.shape[0], ids.shape[1], -1).MoveToOuterDisposeScope();    // (B, T, D)
    }
}
