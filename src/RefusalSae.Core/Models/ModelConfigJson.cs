using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefusalSae.Core.Models;

/// <summary>
/// config.json ↔ <see cref="ModelConfig"/>. Defaults for absent keys are those of transformers' Gemma2Config /
/// LlamaConfig (so a Llama-2 config without head_dim or num_key_value_heads reads correctly).
/// </summary>
public static class ModelConfigJson
{
    public static ModelConfig Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: model config not found.", path);
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return Parse(doc.RootElement, path);
    }

    public static ModelConfig Parse(JsonElement root, string source)
    {
        var arch = Architecture(root, source);
        var gemma = arch == ModelArchitecture.Gemma2;
        var hidden = Int(root, "hidden_size", source);
        var heads = Int(root, "num_attention_heads", source);
        var config = new ModelConfig
        {
            Architecture = arch,
            VocabSize = Int(root, "vocab_size", source),
            HiddenSize = hidden,
            IntermediateSize = Int(root, "intermediate_size", source),
            NumHiddenLayers = Int(root, "num_hidden_layers", source),
            NumAttentionHeads = heads,
            NumKeyValueHeads = OptInt(root, "num_key_value_heads") ?? heads,
            HeadDim = OptInt(root, "head_dim") ?? hidden / heads,
            RmsNormEps = OptDouble(root, "rms_norm_eps") ?? 1e-6,
            RopeTheta = OptDouble(root, "rope_theta") ?? 10000.0,
            RopeScaling = Scaling(root, source),
            MaxPositionEmbeddings = OptInt(root, "max_position_embeddings") ?? (gemma ? 8192 : 2048),
            TieWordEmbeddings = OptBool(root, "tie_word_embeddings") ?? gemma,
            InitializerRange = OptDouble(root, "initializer_range") ?? 0.02,
            QueryPreAttnScalar = gemma ? OptDouble(root, "query_pre_attn_scalar") ?? 256 : null,
            SlidingWindow = gemma ? OptInt(root, "sliding_window") ?? 4096 : null,
            AttnLogitSoftcapping = gemma ? OptDouble(root, "attn_logit_softcapping") : null,
            FinalLogitSoftcapping = gemma ? OptDouble(root, "final_logit_softcapping") : null,
            BosTokenId = OptInt(root, "bos_token_id"),
            EosTokenIds = IntList(root, "eos_token_id"),
            PadTokenId = OptInt(root, "pad_token_id"),
        };
        var act = root.TryGetProperty(gemma ? "hidden_activation" : "hidden_act", out var a) ? a.GetString() : null;
        var expected = gemma ? "gelu_pytorch_tanh" : "silu";
        if (act is not null && act != expected)
            throw new InvalidDataException($"{source}: activation '{act}' is not supported for {arch} (expected '{expected}').");
        if (OptBool(root, "attention_bias") == true || OptBool(root, "mlp_bias") == true)
            throw new InvalidDataException($"{source}: attention_bias/mlp_bias = true is not supported.");
        config.Validate(source);
        return config;
    }

    /// <summary>Writes the keys this loader (and transformers) reads, so a saved snapshot round-trips.</summary>
    public static void Write(ModelConfig c, string path)
    {
        var gemma = c.Architecture == ModelArchitecture.Gemma2;
        var o = new JsonObject
        {
            ["architectures"] = new JsonArray(gemma ? "Gemma2ForCausalLM" : "LlamaForCausalLM"),
            ["model_type"] = gemma ? "gemma2" : "llama",
            ["vocab_size"] = c.VocabSize,
            ["hidden_size"] = c.HiddenSize,
            ["intermediate_size"] = c.IntermediateSize,
            ["num_hidden_layers"] = c.NumHiddenLayers,
            ["num_attention_heads"] = c.NumAttentionHeads,
            ["num_key_value_heads"] = c.NumKeyValueHeads,
            ["head_dim"] = c.HeadDim,
            ["rms_norm_eps"] = c.RmsNormEps,
            ["rope_theta"] = c.RopeTheta,
            ["max_position_embeddings"] = c.MaxPositionEmbeddings,
            ["tie_word_embeddings"] = c.TieWordEmbeddings,
            ["initializer_range"] = c.InitializerRange,
            ["attention_bias"] = false,
            [gemma ? "hidden_activation" : "hidden_act"] = gemma ? "gelu_pytorch_tanh" : "silu",
            ["torch_dtype"] = "float32",
        };
        if (gemma)
        {
            o["query_pre_attn_scalar"] = c.QueryPreAttnScalar;
            o["sliding_window"] = c.SlidingWindow;
            o["attn_logit_softcapping"] = c.AttnLogitSoftcapping;
            o["final_logit_softcapping"] = c.FinalLogitSoftcapping;
        }
        if (c.RopeScaling is { } s)
            o["rope_scaling"] = new JsonObject
            {
                ["rope_type"] = "llama3", ["factor"] = s.Factor, ["low_freq_factor"] = s.LowFreqFactor,
                ["high_freq_factor"] = s.HighFreqFactor, ["original_max_position_embeddings"] = s.OriginalMaxPositionEmbeddings,
            };
        if (c.BosTokenId is { } bos) o["bos_token_id"] = bos;
        if (c.EosTokenIds.Count == 1) o["eos_token_id"] = c.EosTokenIds[0];
        else if (c.EosTokenIds.Count > 1) o["eos_token_id"] = new JsonArray(c.EosTokenIds.Select(e => (JsonNode)e).ToArray());
        if (c.PadTokenId is { } pad) o["pad_token_id"] = pad;
        File.WriteAllText(path, o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static ModelArchitecture Architecture(JsonElement root, string source)
    {
        var names = root.TryGetProperty("architectures", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(x => x.GetString()).ToList() : [];
        return names.FirstOrDefault() switch
        {
            "Gemma2ForCausalLM" => ModelArchitecture.Gemma2,
            "LlamaForCausalLM" => ModelArchitecture.Llama,
            var n => throw new NotSupportedException(
                $"{source}: unknown architecture '{n ?? "(no \"architectures\" key)"}'; supported: Gemma2ForCausalLM, LlamaForCausalLM."),
        };
    }

    private static RopeScaling? Scaling(JsonElement root, string source)
    {
        if (!root.TryGetProperty("rope_scaling", out var s) || s.ValueKind == JsonValueKind.Null) return null;
        var type = s.TryGetProperty("rope_type", out var t) ? t.GetString()
            : s.TryGetProperty("type", out var t2) ? t2.GetString() : null;
        if (type != "llama3")
            throw new NotSupportedException($"{source}: rope_scaling type '{type}' is not supported (only 'llama3').");
        return new RopeScaling(Double(s, "factor", source), Double(s, "low_freq_factor", source),
            Double(s, "high_freq_factor", source), Int(s, "original_max_position_embeddings", source));
    }

    private static int Int(JsonElement e, string key, string source) =>
        OptInt(e, key) ?? throw new InvalidDataException($"{source}: config key '{key}' is missing.");

    private static double Double(JsonElement e, string key, string source) =>
        OptDouble(e, key) ?? throw new InvalidDataException($"{source}: config key '{key}' is missing.");

    private static int? OptInt(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : null;

    private static double? OptDouble(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static bool? OptBool(JsonElement e, string key) =>
        e.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static IReadOnlyList<int> IntList(JsonElement e, string key) =>
        !e.TryGetProperty(key, out var v) ? []
        : v.ValueKind == JsonValueKind.Number ? [v.GetInt32()]
        : v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetInt32()).ToList()
        : [];
}
