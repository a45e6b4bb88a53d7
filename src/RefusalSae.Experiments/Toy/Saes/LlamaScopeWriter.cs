using System.Text.Json;
using System.Text.Json.Nodes;
using RefusalSae.Core.IO;
using RefusalSae.Core.Saes;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Toy.Saes;

/// <summary>
/// Writes a JumpReLU SAE trained on raw activations as a Llama Scope checkpoint (formats.md §4.4): the SAE on
/// dataset-normalised activations x̂ = s·x, s = √D / mean‖x‖, as lm_saes trains them. hyperparams.json +
/// checkpoints/final.safetensors with encoder.weight = (W_enc/s)ᵀ, encoder.bias = b_enc, decoder.weight = (s·W_dec)ᵀ,
/// decoder.bias = s·b_dec (BF16, as released) and jump_relu_threshold = θ/s. SAELens ≥ 5.10.3's folding
/// (<see cref="LlamaScopeThreshold.Corrected"/>) gives back exactly our SAE; the paper's 5.5.2 folding keeps θ/s as the
/// threshold, the paper's bug, which is what the Llama paper configuration reproduces.
/// </summary>
public static class LlamaScopeWriter
{
    /// <param name="meanNorm">Mean L2 norm of the activations the SAE was trained on (dataset_average_activation_norm).</param>
    public static void Save(string folder, JumpReluSae sae, double meanNorm, int topK)
    {
        if (!(meanNorm > 0)) throw new ArgumentOutOfRangeException(nameof(meanNorm), "the mean activation norm must be positive");
        var s = Math.Sqrt(sae.DModel) / meanNorm;
        var w = sae.Weights;
        var threshold = w["threshold"].max().cpu().item<float>();          // one threshold for all latents (TopKToJumpRelu)
        Directory.CreateDirectory(Path.Combine(folder, "checkpoints"));
        using (var scope = NewDisposeScope())
        {
            var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal)
            {
                ["encoder.weight"] = (w["W_enc"] / s).t().contiguous().to_type(ScalarType.BFloat16),   // [S, D]
                ["encoder.bias"] = w["b_enc"].to_type(ScalarType.BFloat16),                           // [S]
                ["decoder.weight"] = (w["W_dec"] * s).t().contiguous().to_type(ScalarType.BFloat16),   // [D, S]
                ["decoder.bias"] = (w["b_dec"] * s).to_type(ScalarType.BFloat16),                     // [D]
            };
            SafeTensors.Save(Path.Combine(folder, "checkpoints", "final.safetensors"), tensors);
        }
        var hp = new JsonObject
        {
            ["d_model"] = sae.DModel,
            ["d_sae"] = sae.DSae,
            ["hook_point_in"] = sae.HookName,
            ["hook_point_out"] = sae.HookName,
            ["act_fn"] = "jumprelu",
            ["jump_relu_threshold"] = threshold / s,
            ["norm_activation"] = "dataset-wise",
            ["dataset_average_activation_norm"] = new JsonObject { ["in"] = meanNorm, ["out"] = meanNorm },
            // Our decoder columns are not unit-norm in the normalised space, and the threshold above does not include them.
            ["sparsity_include_decoder_norm"] = false,
            ["use_decoder_bias"] = true,
            ["apply_decoder_bias_to_pre_encoder"] = sae.ApplyBDecToInput,
            ["top_k"] = topK,
        };
        var path = Path.Combine(folder, "hyperparams.json");
        File.WriteAllText(path + ".tmp", hp.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(path + ".tmp", path, overwrite: true);
    }
}
