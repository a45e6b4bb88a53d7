namespace RefusalSae.Experiments.Paper.Subject;

/// <summary>
/// The <c>paper.subject</c> block: which model and SAEs the paper stages study. The toy organism comes from the
/// stages named in <see cref="ModelStage"/> / <see cref="SaeStage"/>; a real model from <see cref="Model"/> (a local
/// Hugging Face snapshot folder or <c>hf:owner/repo[@revision]</c>) and <see cref="Saes"/> (one location per layer).
/// </summary>
public sealed record PaperSubjectSettings
{
    /// <summary>Upstream stage whose output folder holds model/ (the toy's train-model); empty for a real model.</summary>
    public required string ModelStage { get; init; }
    /// <summary>Upstream stage whose output folder holds saes/layer_{L} (the toy's train-sae); empty for real SAEs.</summary>
    public required string SaeStage { get; init; }
    public required string Model { get; init; }
    /// <summary>Per-layer SAE locations (index = layer), or one location with {layer} for every layer.</summary>
    public required IReadOnlyList<string> Saes { get; init; }
    public required string Dtype { get; init; }
    public required string Device { get; init; }
    public required string ChatFormat { get; init; }
    /// <summary>Spec §9 #6: false = the paper (Gemma stops only at &lt;eos&gt;), true = also at the end-of-turn token.</summary>
    public required bool StopAtEndOfTurn { get; init; }
    /// <summary>Llama Scope threshold convention: paper552 (the paper's SAELens 5.5.2), scaled, or lm_saes.</summary>
    public required string LlamaScopeThreshold { get; init; }
}
