using static TorchSharp.torch;

namespace RefusalSae.Core.IO;

/// <summary>
/// A left-padded token batch stored as safetensors: input_ids I64 (B, T) and attention_mask I64 (B, T) (all ones
/// when absent). The input of the worker's forward and generate verbs.
/// </summary>
public static class TokenBatchFile
{
    public static (Tensor InputIds, Tensor AttentionMask) Read(string path)
    {
        using var f = SafeTensorsFile.Open(path);
        var ids = Take(f, "input_ids");
        var mask = f.Contains("attention_mask") ? Take(f, "attention_mask") : ones_like(ids);
        if (!mask.shape.SequenceEqual(ids.shape))
            throw new InvalidDataException($"{path}: tensor 'attention_mask' has shape [{string.Join(",", mask.shape)}], expected input_ids' [{string.Join(",", ids.shape)}].");
        using var bad = (mask != 0) & (mask != 1);
        if (bad.any().item<bool>())
            throw new InvalidDataException($"{path}: tensor 'attention_mask' must hold only 0 and 1.");
        return (ids, mask);
    }

    private static Tensor Take(SafeTensorsFile f, string name)
    {
        if (!f.Contains(name)) throw new InvalidDataException($"{f.Path}: no tensor '{name}' (expected I64 [B,T]).");
        var e = f.Entries[name];
        if (e.DType != "I64" || e.Shape.Length != 2 || e.Shape[0] == 0 || e.Shape[1] == 0)
            throw new InvalidDataException($"{f.Path}: tensor '{name}' is {e.DType} [{string.Join(",", e.Shape)}], expected I64 [B,T] with B, T > 0.");
        return f.Read(name);
    }
}
