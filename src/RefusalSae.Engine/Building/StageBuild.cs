using RefusalSae.Engine.Pipeline;

namespace RefusalSae.Engine.Building;

/// <summary>
/// The result of building one stage: its outcome (last-run.json's line), and, when it has a result, the output hash
/// and the immutable cache folder that downstream stages read, plus the state that state.json records for it.
/// </summary>
public sealed record StageBuild(StageOutcome Outcome, string? OutputHash, string? OutputDir, StageState? State)
{
    public bool HasResult => OutputHash is not null;

    /// <summary>The hash of the outputs without renderings (figures, Markdown): what downstream keys use (early cutoff on data).</summary>
    public string? DataHash { get; init; }

    public UpstreamResult AsUpstream() => new(OutputHash!, OutputDir!, DataHash ?? OutputHash!);

    /// <summary>The reasons behind the status, with their YAML locations (not serialised: Outcome.Reason has the text).</summary>
    [System.Text.Json.Serialization.JsonIgnore] public IReadOnlyList<StaleReason> Reasons { get; init; } = [];
}

/// <summary>
/// What a downstream stage needs from an upstream one: its output hashes (the data hash for keys, the full hash for a
/// stage that reads renderings) and its folder.
/// </summary>
public sealed record UpstreamResult(string OutputHash, string Dir, string DataHash)
{
    /// <summary>The hash a downstream stage's key uses for this upstream.</summary>
    public string KeyHash(StageDeclaration downstream) => downstream.ReadsRendered ? OutputHash : DataHash;
}
