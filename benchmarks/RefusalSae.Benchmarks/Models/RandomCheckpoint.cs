using System.Text.Json;
using RefusalSae.Core.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Benchmarks.Models;

/// <summary>
/// Writes a random-weight bf16 snapshot (config.json + model.safetensors) tensor by tensor in chunks, so a
/// multi-GB checkpoint can be made without holding it in memory. Names and shapes come from a meta-free model
/// description: the config's own parameter list, computed here rather than by building the model.
/// </summary>
public static class RandomCheckpoint
{
    public static long Write(ModelConfig cfg, string folder)
    {
        Directory.CreateDirectory(folder);
        ModelConfigJson.Write(cfg, Path.Combine(folder, "config.json"));
        var tensors = Shapes(cfg).ToList();
        var header = new Dictionary<string, object>();
        long offset = 0;
        foreach (var (name, shape) in tensors)
        {
            var bytes = shape.Aggregate(1L, (a, b) => a * b) * 2;
            header[name] = new { dtype = "BF16", shape, data_offsets = new[] { offset, offset + bytes } };
            offset += bytes;
        }
        var json = JsonSerializer.SerializeToUtf8Bytes(header);
        var padded = (json.Length + 7) / 8 * 8;
        var path = Path.Combine(folder, "model.safetensors");
        using (var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            fs.Write(BitConverter.GetBytes((long)padded));
            fs.Write(json);
            for (var i = json.Length; i < padded; i++) fs.WriteByte((byte)' ');
            var gen = new Generator(0);
            foreach (var (_, shape) in tensors)
            {
                var count = shape.Aggregate(1L, (a, b) => a * b);
                const long chunk = 1 << 24;
                for (long start = 0; start < count; start += chunk)
                {
                    using var t = (torch.randn(Math.Min(chunk, count - start), generator: gen) * 0.02).to_type(ScalarType.BFloat16);
                    fs.Write(t.bytes);
                }
            }
        }
        return new FileInfo(path).Length;
    }

    /// <summary>Checkpoint names and shapes of a Gemma-2 / Llama model (formats.md §1.3, §2.3).</summary>
    public static IEnumerable<(string Name, long[] Shape)> Shapes(ModelConfig c)
    {
        long d = c.HiddenSize, q = c.NumAttentionHeads * c.HeadDim, kv = c.NumKeyValueHeads * c.HeadDim, f = c.IntermediateSize;
        var gemma = c.Architecture == ModelArchitecture.Gemma2;
        yield return ("model.embed_tokens.weight", [c.VocabSize, d]);
        for (var i = 0; i < c.NumHiddenLayers; i++)
        {
            var p = $"model.layers.{i}.";
            yield return (p + "input_layernorm.weight", [d]);
            yield return (p + "self_attn.q_proj.weight", [q, d]);
            yield return (p + "self_attn.k_proj.weight", [kv, d]);
            yield return (p + "self_attn.v_proj.weight", [kv, d]);
            yield return (p + "self_attn.o_proj.weight", [d, q]);
            yield return (p + "post_attention_layernorm.weight", [d]);
            if (gemma) yield return (p + "pre_feedforward_layernorm.weight", [d]);
            yield return (p + "mlp.gate_proj.weight", [f, d]);
            yield return (p + "mlp.up_proj.weight", [f, d]);
            yield return (p + "mlp.down_proj.weight", [d, f]);
            if (gemma) yield return (p + "post_feedforward_layernorm.weight", [d]);
        }
        yield return ("model.norm.weight", [d]);
        if (!c.TieWordEmbeddings) yield return ("lm_head.weight", [c.VocabSize, d]);
    }
}
