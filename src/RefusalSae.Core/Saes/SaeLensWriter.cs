using System.Text.Json;
using System.Text.Json.Nodes;
using RefusalSae.Core.IO;

namespace RefusalSae.Core.Saes;

/// <summary>
/// Saves an SAE as a SAELens folder (cfg.json + sae_weights.safetensors, float32) that <see cref="SaeLoader"/> and
/// SAELens read back. TopK is written both ways SAELens has spelled it: architecture "topk" + k (v6) and
/// activation_fn_str "topk" + activation_fn_kwargs.k (v5).
/// </summary>
public static class SaeLensWriter
{
    /// <param name="extra">Additional cfg.json fields (e.g. model_name, training provenance); may not override the core ones.</param>
    public static void Save(string folder, ISae sae, IReadOnlyDictionary<string, JsonNode?>? extra = null)
    {
        if (sae is not SaeBase b) throw new ArgumentException($"cannot save an SAE of type {sae.GetType().Name}", nameof(sae));
        var cfg = new JsonObject();
        foreach (var (k, v) in extra ?? new Dictionary<string, JsonNode?>()) cfg[k] = v?.DeepClone();
        cfg["architecture"] = b.Architecture;
        cfg["d_in"] = b.DModel;
        cfg["d_sae"] = b.DSae;
        cfg["dtype"] = "float32";
        cfg["device"] = "cpu";
        cfg["hook_name"] = b.HookName;
        cfg["hook_layer"] = b.Layer;
        cfg["hook_head_index"] = null;
        cfg["apply_b_dec_to_input"] = b.ApplyBDecToInput;
        cfg["finetuning_scaling_factor"] = false;
        cfg["normalize_activations"] = "none";
        cfg["activation_fn_str"] = b is TopKSae ? "topk" : "relu";
        cfg["activation_fn_kwargs"] = b is TopKSae t1 ? new JsonObject { ["k"] = t1.K } : new JsonObject();
        if (b is TopKSae t2) cfg["k"] = t2.K;

        Directory.CreateDirectory(folder);
        var weights = b.Weights.ToDictionary(kv => kv.Key, kv => kv.Value.to_type(TorchSharp.torch.ScalarType.Float32));
        try
        {
            SafeTensors.Save(Path.Combine(folder, "sae_weights.safetensors"), weights);
        }
        finally
        {
            foreach (var (k, t) in weights) if (!ReferenceEquals(t, b.Weights[k])) t.Dispose();
        }
        var tmp = Path.Combine(folder, $".cfg.json.{Environment.ProcessId}.tmp");
        File.WriteAllText(tmp, cfg.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(tmp, Path.Combine(folder, "cfg.json"), overwrite: true);
    }
}
