using RefusalSae.Core.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models;

/// <summary>Writes a model as a Hugging Face snapshot folder (config.json + model.safetensors) that <see cref="ModelLoader"/> and transformers read.</summary>
public static class ModelSnapshot
{
    /// <param name="dtype">Stored dtype; null keeps the model's.</param>
    public static void Save(CausalLM model, string folder, ScalarType? dtype = null)
    {
        Directory.CreateDirectory(folder);
        ModelConfigJson.Write(model.Config, Path.Combine(folder, "config.json"));
        using var scope = torch.NewDisposeScope();
        var tensors = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var (name, p) in model.CheckpointParameters())
            tensors[name] = dtype is { } d ? p.detach().to_type(d) : p.detach();
        SafeTensors.Save(Path.Combine(folder, SafeTensorsCheckpoint.SingleFile), tensors,
            new Dictionary<string, string> { ["format"] = "pt" });
    }
}
