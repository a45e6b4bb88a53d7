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

    /// <summary>
    /// The compiled worker whose code the stage keys identify (RefusalSae.*.dll and its deps.json). Default: the
    /// Debug worker under src/RefusalSae.Worker/bin, as the workflow targets build it.
    /// </summary>
    public string? WorkerDirectory { get; init; }
    /// <summary>Each stage's code identity; default: <see cref="Code.StageCodeCache"/> over <see cref="WorkerDirectory"/> (tests supply their own).</summary>
    public Func<IReadOnlyDictionary<string, Code.StageCode>>? StageCodes { get; init; }

    public string Worker => Path.GetFullPath(WorkerDirectory ?? Path.Combine(RepoRoot, "src", "RefusalSae.Worker", "bin", "Debug", "net10.0", "linux-x64"));
    public string Artifacts => Path.GetFullPath(ArtifactsRoot ?? Path.Combine(RepoRoot, "artifacts"));
    public string Cache => Path.GetFullPath(CacheRoot ?? Path.Combine(Artifacts, "cache"));
    public string ExperimentDir => Path.Combine(Artifacts, Experiment);
}
