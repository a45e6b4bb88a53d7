namespace RefusalSae.Experiments.Toy.Saes;

/// <summary>
/// How train-sae writes each layer's SAE under saes/layer_{L} (<c>toy.sae.layout</c>): SAELens (the trained TopK SAE,
/// the default), or as the JumpReLU SAEs the paper loads, in Gemma Scope's params.npz or Llama Scope's
/// hyperparams.json + checkpoints/final.safetensors. The paper subject's loader detects each from the folder's files.
/// </summary>
public enum ToySaeLayout { SaeLens, GemmaScope, LlamaScope }

public static class ToySaeLayouts
{
    private static readonly Dictionary<string, ToySaeLayout> ByName = new(StringComparer.Ordinal)
    {
        ["saelens"] = ToySaeLayout.SaeLens, ["gemma-scope"] = ToySaeLayout.GemmaScope, ["llama-scope"] = ToySaeLayout.LlamaScope,
    };

    public static ToySaeLayout Parse(string name) =>
        ByName.TryGetValue(name, out var l) ? l
            : throw new ArgumentException($"toy.sae.layout: '{name}' is not a layout; expected one of {string.Join(", ", ByName.Keys)}.");
}
