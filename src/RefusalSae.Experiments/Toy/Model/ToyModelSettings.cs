using RefusalSae.Core.Models;
using RefusalSae.Core.Tokenization;

namespace RefusalSae.Experiments.Toy.Model;

/// <summary>
/// The organism's shape (bound from <c>toy.model</c>): Gemma-2's architecture, every Gemma-2 numeric detail kept
/// (sandwich norms, softcaps, sliding window on even layers, tied embeddings), at a size that trains on a CPU in minutes.
/// </summary>
public sealed record ToyModelSettings
{
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumAttentionHeads { get; init; }
    public required int NumKeyValueHeads { get; init; }
    public required int HeadDim { get; init; }
    public required int SlidingWindow { get; init; }
    public required int MaxPositionEmbeddings { get; init; }

    public ModelConfig ToModelConfig(ITextTokenizer tokenizer) => new()
    {
        Architecture = ModelArchitecture.Gemma2,
        VocabSize = tokenizer.VocabSize,
        HiddenSize = HiddenSize,
        IntermediateSize = IntermediateSize,
        NumHiddenLayers = NumHiddenLayers,
        NumAttentionHeads = NumAttentionHeads,
        NumKeyValueHeads = NumKeyValueHeads,
        HeadDim = HeadDim,
        RmsNormEps = 1e-6,
        RopeTheta = 10000,
        MaxPositionEmbeddings = MaxPositionEmbeddings,
        TieWordEmbeddings = true,
        QueryPreAttnScalar = HeadDim,
        SlidingWindow = SlidingWindow,
        AttnLogitSoftcapping = 50,
        FinalLogitSoftcapping = 30,
        BosTokenId = tokenizer.BosId,
        EosTokenIds = new[] { tokenizer.EosId, tokenizer.TokenToId(ToyModelFolder.EndOfTurn) }.OfType<int>().ToList(),
        PadTokenId = tokenizer.PadId,
    };
}
