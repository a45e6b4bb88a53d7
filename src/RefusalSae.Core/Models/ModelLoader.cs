using RefusalSae.Core.IO;
using RefusalSae.Core.Models.Layers;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models;

/// <summary>
/// Loads a Hugging Face snapshot folder (config.json + model.safetensors or a sharded index) into a
/// <see cref="CausalLM"/> of the requested dtype and device. Parameters are allocated untouched and filled tensor
/// by tensor from the file, so peak memory stays close to the model's own size.
/// </summary>
public static class ModelLoader
{
    public static CausalLM Load(string folder, ScalarType dtype, Device device)
    {
        var configPath = Path.Combine(folder, "config.json");
        var cfg = ModelConfigJson.Read(configPath);
        using var checkpoint = SafeTensorsCheckpoint.Open(folder);
        var model = new CausalLM(cfg, WeightInit.ForLoading(dtype, device));
        try
        {
            var wanted = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, param) in model.CheckpointParameters())
            {
                wanted.Add(name);
                if (!checkpoint.Contains(name))
                    throw new InvalidDataException(
                        $"{folder}: tensor '{name}' (shape [{string.Join(",", param.shape)}]) is missing from the checkpoint.");
                checkpoint.ReadInto(name, param);
            }
            var unexpected = checkpoint.TensorNames.Where(n => !wanted.Contains(n) && !Ignorable(n, cfg)).Order().ToList();
            if (unexpected.Count > 0)
                throw new InvalidDataException(
                    $"{checkpoint.PathOf(unexpected[0])}: unexpected tensor(s) for {cfg.Architecture}: {string.Join(", ", unexpected.Take(5))}"
                    + (unexpected.Count > 5 ? $" … ({unexpected.Count} in all)." : "."));
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return model;
    }

    // Old Llama-2 exports carry RoPE buffers; a tied checkpoint may still store the (identical) head.
    private static bool Ignorable(string name, ModelConfig cfg) =>
        name.EndsWith(".rotary_emb.inv_freq", StringComparison.Ordinal)
        || (cfg.TieWordEmbeddings && name == "lm_head.weight");
}
