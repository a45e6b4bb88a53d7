namespace RefusalSae.Engine.Building;

/// <summary>One build of one experiment: where things are and what the caller asked for (the MSBuild properties).</summary>
public sealed record BuildOptions
{
    public required string RepoRoot { get; init; }
    public required string Experiment { get; init; }
    /// <summary>`-p:Set="a.b=5;c=x"`.</summary>
    public string? Overrides { get; init; }
    /// <summary>Default: RepoRoot/artifacts.</summary>
    public string? ArtifactsRoot { get; init; }
    /// <summary>Default: ArtifactsRoot/cache (`-p:WorkflowCacheRoot=...`).</summary>
    public string? CacheRoot { get; init; }
    /// <summary>A read-through shared cache folder (hits are hash-checked).</summary>
    public string? SharedCacheRoot { get; init; }
    /// <summary>Only with this set does a build write its results to the shared cache.</summary>
    public bool SharedCacheWrite { get; init; }
    /// <summary>`-p:WorkflowCacheUniverse=...`: part of every key; changing it disowns all cached results.</summary>
    public string CacheUniverse { get; init; } = "";
    /// <summary>Status: report cached/stale with reasons, run nothing, write nothing but status.json.</summary>
    public bool DryRun { get; init; }

    public string Artifacts => Path.GetFullPath(ArtifactsRoot ?? Path.Combine(RepoRoot, "artifacts"));
    public string Cache => Path.GetFullPath(CacheRoot ?? Path.Combine(Artifacts, "cache"));
    public string ExperimentDir => Path.Combine(Artifacts, Experiment);
}
