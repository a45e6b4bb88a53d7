using System.Security.Cryptography;
using RefusalSae.Experiments.Stages.Paper;
using static TorchSharp.torch;
using RefusalSae.Experiments.Paper.Selection;

namespace RefusalSae.Experiments.Stages.SideEffects;

/// <summary>
/// What paper-features wrote for one harmful set D, read through its output contract: the feature sets and V_R*(D),
/// kept as floats so no tensor outlives the loading.
/// </summary>
public sealed record SetMaterial(string Set, SelectedFeatures Features, float[] Direction)
{
    /// <summary>A short hash of the direction's float32 bytes: its identity in item-cache content.</summary>
    public string DirectionKey { get; } = Convert.ToHexString(SHA256.HashData(Bytes(Direction)))[..16];

    /// <summary>V_R*(D) as a float32 tensor [D] on the CPU.</summary>
    public Tensor DirectionTensor() => tensor(Direction);                                           // [D]

    public static IReadOnlyList<SetMaterial> Load(string featuresDir, IEnumerable<string> sets) =>
        [.. sets.Select(set => new SetMaterial(set, PaperFeaturesOutput.Features(featuresDir, set), PaperFeaturesOutput.Direction(featuresDir, set)))];

    private static byte[] Bytes(float[] values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, bytes, 0, bytes.Length);
        return bytes;
    }
}
