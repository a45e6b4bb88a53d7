using RefusalSae.Core.Saes.Loading;

namespace RefusalSae.Core.Saes;

/// <summary>Loads any supported SAE from a file or folder, detecting the layout unless told.</summary>
public static class SaeLoader
{
    public static ISae Load(string path, SaeLoadOptions? options = null)
    {
        options ??= new SaeLoadOptions();
        return (options.Format ?? Detect(path)) switch
        {
            SaeFormat.GemmaScope => GemmaScopeLoader.Load(path, options.HookName),
            SaeFormat.SaeLens => SaeLensLoader.Load(path),
            SaeFormat.LlamaScope => LlamaScopeLoader.Load(path, options.LlamaScopeThreshold),
            var f => throw new ArgumentOutOfRangeException(nameof(options), $"unknown SAE format {f}"),
        };
    }

    /// <summary>params.npz (or a folder with one) → Gemma Scope; cfg.json → SAELens; hyperparams.json → Llama Scope.</summary>
    public static SaeFormat Detect(string path)
    {
        if (File.Exists(path))
        {
            if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)) return SaeFormat.GemmaScope;
            var name = Path.GetFileName(path);
            if (name is "cfg.json" or "sae_weights.safetensors") return SaeFormat.SaeLens;
            if (name == "hyperparams.json") return SaeFormat.LlamaScope;
            throw new InvalidDataException($"{path}: not an SAE file (expected params.npz, or a folder with cfg.json or hyperparams.json).");
        }
        if (!Directory.Exists(path)) throw new FileNotFoundException($"{path}: SAE path not found.", path);
        if (File.Exists(Path.Combine(path, "cfg.json"))) return SaeFormat.SaeLens;
        if (File.Exists(Path.Combine(path, "hyperparams.json"))) return SaeFormat.LlamaScope;
        if (File.Exists(Path.Combine(path, "params.npz"))) return SaeFormat.GemmaScope;
        throw new InvalidDataException(
            $"{path}: no SAE found: expected cfg.json + sae_weights.safetensors (SAELens), hyperparams.json + checkpoints/final.safetensors (Llama Scope) or params.npz (Gemma Scope).");
    }
}
