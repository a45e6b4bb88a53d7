using System.Text.Json;
using System.Text.Json.Nodes;
using RefusalSae.Core.Models;

namespace RefusalSae.Experiments.Toy.Model;

/// <summary>The files of a Llama-3.1-Instruct snapshot beyond weights and tokenizer: generation_config.json.</summary>
public static class LlamaToySnapshot
{
    /// <summary>bos and the end-of-turn stop ids, greedy (the real file samples at temperature 0.6; the paper decodes greedily).</summary>
    public static void WriteGenerationConfig(ModelConfig config, string folder)
    {
        var o = new JsonObject { ["_from_model_config"] = true, ["do_sample"] = false };
        if (config.BosTokenId is { } bos) o["bos_token_id"] = bos;
        o["eos_token_id"] = new JsonArray(config.EosTokenIds.Select(e => (JsonNode)e).ToArray());
        File.WriteAllText(Path.Combine(folder, "generation_config.json"), o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
