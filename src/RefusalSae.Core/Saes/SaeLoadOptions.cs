namespace RefusalSae.Core.Saes;

/// <summary>Options of <see cref="SaeLoader.Load"/>. Weights are always loaded (and folded) in float32 on the CPU.</summary>
public sealed record SaeLoadOptions
{
    /// <summary>Skip auto-detection and read this layout.</summary>
    public SaeFormat? Format { get; init; }

    /// <summary>Llama Scope only; the default reproduces the paper (see <see cref="Saes.LlamaScopeThreshold.Paper552"/>).</summary>
    public LlamaScopeThreshold LlamaScopeThreshold { get; init; } = LlamaScopeThreshold.Paper552;

    /// <summary>Gemma Scope files carry no hook name; it is taken from the "layer_{L}" folder unless given here.</summary>
    public string? HookName { get; init; }
}
