using RefusalSae.Core.Models;
using RefusalSae.Core.Tokenization;

namespace RefusalSae.Experiments.Toy.Model;

/// <summary>
/// The organism's shape (bound from <c>toy.model</c>). gemma2: Gemma-2's architecture, every Gemma-2 numeric detail kept
/// (sandwich norms, softcaps, sliding window on even layers, tied embeddings). llama3: Llama-3.1's (llama3 RoPE scaling,
/// rope_theta 500000, untied lm_head, no softcaps or sliding window). Both at a size that trains on a CPU in minutes.
/// </summary>
public sealed record ToyModelSettings
{
    public required string Architecture { get; init; }
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumAttentionHeads { get; init; }
    public required int NumKeyValueHeads { get; init; }
    public required int HeadDim { get; init; }
    /// <summary>Gemma-2 only (Llama-3.1 has no sliding window).</summary>
    public required int SlidingWindow { get; init; }
    public required int MaxPositionEmbeddings { get; init; }

    public ToyArchitecture Kind => ToyArchitecture.Parse(Architecture);

    public ModelConfig ToModelConfig(ITextTokenizer tokenizer) => Kind == ToyArchitecture.Llama3 ? Llama3(tokenizer) : Gemma2(tokenizer);

    private ModelConfig Gemma2(ITextTokenizer tokenizer) => Shape(tokenizer, ModelArchitecture.Gemma2, rmsNormEps: 1e-6, ropeTheta: 10000, tied: true) with
    {
        QueryPreAttnScalar = HeadDim,
        SlidingWindow = SlidingWindow,
        AttnLogitSoftcapping = 50,
        FinalLogitSoftcapping = 30,
        BosTokenId = tokenizer.BosId,
        EosTokenIds = new[] { tokenizer.EosId, tokenizer.TokenToId(ToyModelFolder.EndOfTurn) }.OfType<int>().ToList(),
        PadTokenId = tokenizer.PadId,
    };

    /// <summary>Llama-3.1-8B's numeric details (formats.md §2.1); like its config.json, no pad token and eos = [end_of_text, eot].</summary>
    private ModelConfig Llama3(ITextTokenizer tokenizer) => Shape(tokenizer, ModelArchitecture.Llama, rmsNormEps: 1e-5, ropeTheta: 500000, tied: false) with
    {
        RopeScaling = new RopeScaling(8.0, 1.0, 4.0, 8192),
        BosTokenId = tokenizer.TokenToId(LlamaToyTokenizer.BeginOfText),
        EosTokenIds = new[] { tokenizer.TokenToId(LlamaToyTokenizer.EndOfText), tokenizer.TokenToId(LlamaToyTokenizer.EndOfTurn) }.OfType<int>().ToList(),
    };

    /// <summary>The sizes both architectures take from toy.model; each adds its own numeric details.</summary>
    private ModelConfig Shape(ITextTokenizer tokenizer, ModelArchitecture architecture, double rmsNormEps, double ropeTheta, bool tied) => new()
    {
        Architecture = architecture,
        RmsNormEps = rmsNormEps,
        RopeTheta = ropeTheta,
        TieWordEmbeddings = tied,
        VocabSize = tokenizer.VocabSize,
        HiddenSize = HiddenSize,
        IntermediateSize = IntermediateSize,
        NumHiddenLayers = NumHiddenLayers,
        NumAttentionHeads = NumAttentionHeads,
        NumKeyValueHeads = NumKeyValueHeads,
        HeadDim = HeadDim,
        MaxPositionEmbeddings = MaxPositionEmbeddings,
    };
}
