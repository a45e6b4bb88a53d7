namespace RefusalSae.Core.Models;

/// <summary>
/// The typed, immutable subset of a Hugging Face config.json that the forward pass depends on. Gemma-only fields
/// are null for Llama. Read with <see cref="ModelConfigJson.Read"/>; build in code for random models.
/// </summary>
public sealed record ModelConfig
{
    public required ModelArchitecture Architecture { get; init; }
    public required int VocabSize { get; init; }
    public required int HiddenSize { get; init; }
    public required int IntermediateSize { get; init; }
    public required int NumHiddenLayers { get; init; }
    public required int NumAttentionHeads { get; init; }
    public required int NumKeyValueHeads { get; init; }
    public required int HeadDim { get; init; }
    public required double RmsNormEps { get; init; }
    public required double RopeTheta { get; init; }
    public RopeScaling? RopeScaling { get; init; }
    public int MaxPositionEmbeddings { get; init; } = 8192;
    public required bool TieWordEmbeddings { get; init; }
    public double InitializerRange { get; init; } = 0.02;

    /// <summary>Gemma-2: attention scale is QueryPreAttnScalar^-0.5 instead of HeadDim^-0.5.</summary>
    public double? QueryPreAttnScalar { get; init; }
    /// <summary>Gemma-2: window on even layers (key j hidden from query i iff i - j ≥ window).</summary>
    public int? SlidingWindow { get; init; }
    public double? AttnLogitSoftcapping { get; init; }
    public double? FinalLogitSoftcapping { get; init; }

    public int? BosTokenId { get; init; }
    public IReadOnlyList<int> EosTokenIds { get; init; } = [];
    public int? PadTokenId { get; init; }

    /// <summary>Attention scale applied to q·k: query_pre_attn_scalar^-0.5 (Gemma-2) or head_dim^-0.5 (Llama).</summary>
    public double AttentionScale => Math.Pow(QueryPreAttnScalar ?? HeadDim, -0.5);

    /// <summary>HF Gemma2: `is_sliding = not bool(layer_idx % 2)`.</summary>
    public bool IsSlidingLayer(int layer) => Architecture == ModelArchitecture.Gemma2 && SlidingWindow is not null && layer % 2 == 0;

    /// <summary>Gemma-2 2b's shapes with <paramref name="layers"/> layers (formats.md §1.1); for benchmarks and tests.</summary>
    public static ModelConfig Gemma2_2b(int layers = 26) => new()
    {
        Architecture = ModelArchitecture.Gemma2, VocabSize = 256000, HiddenSize = 2304, IntermediateSize = 9216,
        NumHiddenLayers = layers, NumAttentionHeads = 8, NumKeyValueHeads = 4, HeadDim = 256, RmsNormEps = 1e-6,
        RopeTheta = 10000, MaxPositionEmbeddings = 8192, TieWordEmbeddings = true, QueryPreAttnScalar = 256,
        SlidingWindow = 4096, AttnLogitSoftcapping = 50, FinalLogitSoftcapping = 30,
        BosTokenId = 2, EosTokenIds = [1], PadTokenId = 0,
    };

    /// <summary>Checks the shape arithmetic so a bad config fails here rather than inside a native matmul.</summary>
    public void Validate(string source)
    {
        void Need(bool ok, string what)
        {
            if (!ok) throw new InvalidDataException($"{source}: invalid model config: {what}.");
        }
        Need(VocabSize > 0 && HiddenSize > 0 && IntermediateSize > 0 && NumHiddenLayers > 0, "sizes must be positive");
        Need(NumAttentionHeads > 0 && NumKeyValueHeads > 0 && NumAttentionHeads % NumKeyValueHeads == 0,
            $"num_attention_heads ({NumAttentionHeads}) must be a multiple of num_key_value_heads ({NumKeyValueHeads})");
        Need(HeadDim > 0 && HeadDim % 2 == 0, $"head_dim ({HeadDim}) must be even");
    }
}
