using RefusalSae.Core.Models;
using static TorchSharp.torch;

namespace RefusalSae.Benchmarks.Models;

/// <summary>Useful FLOPs of a forward: 2 per weight per token for every matrix (the tied embedding counted once, as the unembedding) plus attention.</summary>
public static class Flops
{
    /// <summary>The matrices a forward multiplies by; the embedding matrix stands for the (tied) unembedding.</summary>
    public static IEnumerable<(string Name, Tensor Weight)> Matrices(CausalLM model) =>
        model.CheckpointParameters()
            .Where(p => p.Param.dim() == 2 && (model.Config.TieWordEmbeddings || p.Name != "model.embed_tokens.weight"))
            .Select(p => (p.Name, (Tensor)p.Param));

    public static double Linear(CausalLM model, long tokens) =>
        2.0 * tokens * Matrices(model).Sum(m => (double)m.Weight.NumberOfElements);

    /// <summary>Prefill of B x T: linear layers plus QKᵀ and PV over a causal T x T (counted in full, as computed).</summary>
    public static double Prefill(CausalLM model, long b, long t)
    {
        var c = model.Config;
        return Linear(model, b * t) + 4.0 * b * t * t * c.NumAttentionHeads * c.HeadDim * c.NumHiddenLayers;
    }

    /// <summary>One decoding step for B rows attending to S cached positions.</summary>
    public static double Decode(CausalLM model, long b, long s)
    {
        var c = model.Config;
        return Linear(model, b) + 4.0 * b * s * c.NumAttentionHeads * c.HeadDim * c.NumHiddenLayers;
    }
}
