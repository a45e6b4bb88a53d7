using System.IO.Compression;
using RefusalSae.Core.IO;
using RefusalSae.Core.Saes;

namespace RefusalSae.Experiments.Toy.Saes;

/// <summary>
/// Writes a JumpReLU SAE as Gemma Scope's params.npz (formats.md §4.2): W_enc [D,S], W_dec [S,D], b_enc [S], b_dec [D],
/// threshold [S], float32, stored uncompressed as np.savez does. Read back by the Gemma Scope loader.
/// </summary>
public static class GemmaScopeWriter
{
    public const string FileName = "params.npz";

    public static void Save(string folder, JumpReluSae sae)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var tmp = path + $".{Environment.ProcessId}.tmp";
        using (var file = File.Create(tmp))
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create))
        {
            foreach (var key in new[] { "W_enc", "W_dec", "b_enc", "b_dec", "threshold" })
            {
                using var entry = zip.CreateEntry(key + ".npy", CompressionLevel.NoCompression).Open();
                using var t = sae.Weights[key].to_type(TorchSharp.torch.ScalarType.Float32);
                NpyWriter.Write(entry, t);
            }
        }
        File.Move(tmp, path, overwrite: true);
    }
}
