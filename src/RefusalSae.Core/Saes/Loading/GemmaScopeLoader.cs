using System.Text.RegularExpressions;
using RefusalSae.Core.IO;
using static TorchSharp.torch;

namespace RefusalSae.Core.Saes.Loading;

/// <summary>
/// Gemma Scope params.npz: W_enc [D,S], W_dec [S,D], b_enc [S], b_dec [D], threshold [S], float32 (formats.md §4.2).
/// The hook is blocks.{L}.hook_resid_post for a ".../layer_{L}/..." path (SAELens get_gemma_2_config).
/// </summary>
internal static partial class GemmaScopeLoader
{
    public static ISae Load(string path, string? hookName)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, "params.npz") : path;
        hookName ??= HookFromPath(Path.GetFullPath(file));
        using var npz = NpzFile.Open(file);
        var loaded = new List<Tensor>();
        try
        {
            Tensor Read(string key)
            {
                var t = npz.Read(key);
                loaded.Add(t);
                if (t.dtype != ScalarType.Float32) loaded.Add(t = t.to_type(ScalarType.Float32));
                return t;
            }
            var W_enc = Read("W_enc");
            var d = WeightCheck.Dim(file, "W_enc", W_enc, 0);
            var s = WeightCheck.Dim(file, "W_enc", W_enc, 1);
            WeightCheck.Expect(file, "W_enc", W_enc, d, s);
            var W_dec = WeightCheck.Expect(file, "W_dec", Read("W_dec"), s, d);
            var b_enc = WeightCheck.Expect(file, "b_enc", Read("b_enc"), s);
            var b_dec = WeightCheck.Expect(file, "b_dec", Read("b_dec"), d);
            var threshold = WeightCheck.Expect(file, "threshold", Read("threshold"), s);
            var sae = new JumpReluSae(W_enc, b_enc, W_dec, b_dec, threshold, hookName);
            foreach (var t in loaded.Except([W_enc, W_dec, b_enc, b_dec, threshold])) t.Dispose();
            return sae;
        }
        catch
        {
            foreach (var t in loaded) t.Dispose();
            throw;
        }
    }

    private static string HookFromPath(string file)
    {
        var m = LayerRegex().Match(file.Replace('\\', '/'));
        if (m.Success) return $"blocks.{m.Groups[1].Value}.hook_resid_post";
        if (file.Replace('\\', '/').Contains("/embedding/", StringComparison.Ordinal)) return "hook_embed";
        throw new InvalidDataException($"{file}: cannot tell the hook point (no 'layer_{{L}}' folder in the path); pass it explicitly.");
    }

    [GeneratedRegex(@"/layer_(\d+)/")]
    private static partial Regex LayerRegex();
}
