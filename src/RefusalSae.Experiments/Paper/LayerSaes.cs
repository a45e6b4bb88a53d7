using RefusalSae.Core.Saes;

namespace RefusalSae.Experiments.Paper;

/// <summary>One SAE per layer from a folder of SAELens folders named layer_{L} (the train-sae layout and the CLI's --sae-dir).</summary>
public static class LayerSaes
{
    public static Dictionary<int, ISae> Load(string dir, int layers)
    {
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir}: no such SAE folder (expected layer_{{L}} sub-folders).");
        var saes = new Dictionary<int, ISae>();
        for (var l = 0; l < layers; l++)
        {
            var path = Path.Combine(dir, $"layer_{l}");
            if (Directory.Exists(path)) saes[l] = SaeLoader.Load(path);
        }
        if (saes.Count == 0) throw new InvalidDataException($"{dir}: no layer_{{L}} folder for L in 0..{layers - 1}.");
        return saes;
    }
}
