namespace RefusalSae.Engine.Pipeline;

/// <summary>
/// One stage as declared in experiments/pipeline.yaml. <see cref="Config"/> are dotted prefixes of
/// experiments/defaults.yaml the stage reads (its key covers exactly those values); <see cref="ItemConfig"/> are the
/// keys that only choose the item list (left out of the per-item key); <see cref="Datasets"/> are catalog ids, or
/// `${config.key}` to take the id(s) from a string or strings config value. A stage's code is not declared: its
/// identity is computed from the compiled worker (<see cref="Code.CodeAnalysis"/>).
/// </summary>
public sealed record StageDeclaration
{
    public required string Name { get; init; }
    public required int Version { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<string> Config { get; init; } = [];
    public IReadOnlyList<string> ItemConfig { get; init; } = [];
    public IReadOnlyList<string> Upstream { get; init; } = [];
    public IReadOnlyList<string> Datasets { get; init; } = [];
    public bool PerItem { get; init; }
    /// <summary>What the stage occupies while it runs (light, cpu, http, cuda[:N], or `${config.key}`); empty = torch work on its configured devices.</summary>
    public IReadOnlyList<string> Resources { get; init; } = [];
    /// <summary>The stage reads its upstreams' renderings (figures, Markdown): its key uses their full output hash, not their data hash.</summary>
    public bool ReadsRendered { get; init; }
    public required SourceLocation DeclaredAt { get; init; }
}
