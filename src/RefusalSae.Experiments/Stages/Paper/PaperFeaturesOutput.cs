using System.Text.Json;
using RefusalSae.Core.IO;
using RefusalSae.Core.Tensors;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Paper.Selection;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>
/// paper-features' output contract, the only way another stage reads its folder: per evaluation set,
/// features/{set}.json (<see cref="SelectedFeatures"/>) and directions/{set}.safetensors (tensors "directions" [L, D]
/// and "direction" [D] = V_R* at the best layer).
/// </summary>
public static class PaperFeaturesOutput
{
    public static void Write(string dir, SelectedFeatures selected)
    {
        Directory.CreateDirectory(Path.Combine(dir, "features"));
        File.WriteAllText(FileOf(dir, selected.Set), JsonSerializer.Serialize(selected, SelectedFeatures.Json));
    }

    /// <summary>One set's feature sets.</summary>
    public static SelectedFeatures Features(string dir, string set) =>
        JsonSerializer.Deserialize<SelectedFeatures>(File.ReadAllText(FileOf(dir, set)), SelectedFeatures.Json)
        ?? throw new InvalidDataException($"{FileOf(dir, set)}: empty.");

    /// <summary>Every set's feature sets, ordered by set name (none when the folder holds no features/).</summary>
    public static IReadOnlyList<SelectedFeatures> AllFeatures(string dir)
    {
        var features = Path.Combine(dir, "features");
        if (!Directory.Exists(features)) return [];
        return Directory.EnumerateFiles(features, "*.json").Order(StringComparer.Ordinal)
            .Select(f => Features(dir, Path.GetFileNameWithoutExtension(f))).ToList();
    }

    private static string FileOf(string dir, string set) => Path.Combine(dir, "features", $"{set}.json");

    /// <summary>V_R*(set) as floats [D], so no tensor outlives the reading.</summary>
    public static float[] Direction(string dir, string set)
    {
        var path = Path.Combine(dir, "directions", $"{set}.safetensors");
        if (!File.Exists(path)) throw new StageException("RSW360", $"{path}: no direction for set '{set}' (paper-features writes directions/{{set}}.safetensors).");
        using var scope = NewDisposeScope();
        var tensors = SafeTensors.Load(path);
        if (!tensors.TryGetValue("direction", out var d) || d.shape.Length != 1)
            throw new StageException("RSW360", $"{path}: expected a tensor 'direction' of shape [d_model].");
        return HostRead.Floats(d);
    }
}
