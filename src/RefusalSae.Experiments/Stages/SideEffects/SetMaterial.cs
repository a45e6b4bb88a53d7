using System.Security.Cryptography;
using RefusalSae.Core.IO;
using RefusalSae.Core.Tensors;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Stages.Paper;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Stages.SideEffects;

/// <summary>
/// What paper-features wrote for one harmful set D: its feature sets and V_R*(D) (directions/{set}.safetensors,
/// tensor "direction" [D]), kept as floats so no tensor outlives the loading.
/// </summary>
public sealed record SetMaterial(string Set, SelectedFeatures Features, float[] Direction)
{
    /// <summary>A short hash of the direction's float32 bytes: its identity in item-cache content.</summary>
    public string DirectionKey { get; } = Convert.ToHexString(SHA256.HashData(Bytes(Direction)))[..16];

    /// <summary>V_R*(D) as a float32 tensor [D] on the CPU.</summary>
    public Tensor DirectionTensor() => tensor(Direction);                                           // [D]

    public static IReadOnlyList<SetMaterial> Load(string featuresDir, IEnumerable<string> sets) =>
        [.. sets.Select(set =>
        {
            var path = Path.Combine(featuresDir, "directions", $"{set}.safetensors");
            if (!File.Exists(path)) throw new StageException("RSW360", $"{path}: no direction for set '{set}' (paper-features writes directions/{{set}}.safetensors).");
            using var scope = NewDisposeScope();
            var tensors = SafeTensors.Load(path);
            if (!tensors.TryGetValue("direction", out var d) || d.shape.Length != 1)
                throw new StageException("RSW360", $"{path}: expected a tensor 'direction' of shape [d_model].");
            return new SetMaterial(set, SelectedFeatures.Load(featuresDir, set), HostRead.Floats(d));
        })];

    private static byte[] Bytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
