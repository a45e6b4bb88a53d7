using RefusalSae.Core.Models;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tokenization;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Tests.Paper;

/// <summary>A tiny random Gemma-2 with one random JumpReLU SAE per layer, and left-padded prompts of random tokens.</summary>
internal sealed class TinyPaperSetup : IDisposable
{
    public const int Layers = 3, D = 16, S = 32, Vocab = 40, Pad = 0;

    public static readonly ModelConfig Config = new()
    {
        Architecture = ModelArchitecture.Gemma2, VocabSize = Vocab, HiddenSize = D, IntermediateSize = 32,
        NumHiddenLayers = Layers, NumAttentionHeads = 2, NumKeyValueHeads = 1, HeadDim = 8, RmsNormEps = 1e-6,
        RopeTheta = 10000, TieWordEmbeddings = true, QueryPreAttnScalar = 8, SlidingWindow = 16,
        AttnLogitSoftcapping = 50, FinalLogitSoftcapping = 30, PadTokenId = Pad, BosTokenId = 2,
    };

    public TinyPaperSetup(ScalarType dtype = ScalarType.Float32, int seed = 5)
    {
        Model = CausalLM.Create(Config, dtype, CPU, seed: seed);
        Model.eval();
        Saes = Enumerable.Range(0, Layers).ToDictionary(l => l, l => Sae(l, seed + 100 + l, dtype));
    }

    public CausalLM Model { get; }
    public Dictionary<int, ISae> Saes { get; }

    /// <summary>
    /// A JumpReLU SAE whose residual norm matches the model's stream (Gemma-2 scales embeddings by √D, so activations
    /// are O(1) per coordinate) and whose thresholds leave a fair share of features active.
    /// </summary>
    public static ISae Sae(int layer, int seed, ScalarType dtype = ScalarType.Float32)
    {
        var g = new Generator((ulong)seed);
        return new JumpReluSae(
            (randn(D, S, generator: g) / Math.Sqrt(D)).to_type(dtype), (randn(S, generator: g) * 0.1f).to_type(dtype),
            (randn(S, D, generator: g) / Math.Sqrt(D)).to_type(dtype), (randn(D, generator: g) * 0.1f).to_type(dtype),
            (rand(S, generator: g) * 0.3f).to_type(dtype), $"blocks.{layer}.hook_resid_post");
    }

    /// <summary>Prompts that start with BOS (2) and hold tokens 3..Vocab−1, of different lengths.</summary>
    public static List<int[]> Prompts(int count, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new[] { 2 }.Concat(Enumerable.Range(0, 4 + rng.Next(5)).Select(_ => rng.Next(3, Vocab))).ToArray()).ToList();
    }

    public static (Tensor Ids, Tensor Mask, BatchEncoding Batch) Batch(IReadOnlyList<int[]> prompts)
    {
        var batch = BatchEncoding.LeftPad(prompts, Pad);
        var (ids, mask) = batch.ToTensors();
        return (ids, mask, batch);
    }

    public void Dispose()
    {
        foreach (var s in Saes.Values) s.Dispose();
        Model.Dispose();
    }
}
