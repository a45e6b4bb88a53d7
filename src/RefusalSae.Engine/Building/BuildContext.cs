using RefusalSae.Engine.Cache;
using RefusalSae.Engine.Datasets;
using RefusalSae.Engine.Keys;
using RefusalSae.Engine.Pipeline;

namespace RefusalSae.Engine.Building;

/// <summary>
/// What every stage build of one experiment shares: the options, the validated plan, the caches, the dataset
/// resolver and the state of the previous build (staleness reasons are diffed against it). One per build in the
/// in-process loop (<see cref="ExperimentBuild"/>), one per stage instance when MSBuild drives the stages.
/// </summary>
public sealed class BuildContext
{
    private readonly Lazy<IReadOnlyDictionary<string, Code.StageCode>> _codes;
    private readonly HashMemo _datasetMemo;

    public BuildContext(BuildOptions options, IBuildLog log, ExperimentPlan? plan = null)
    {
        Options = options;
        Log = log;
        Plan = plan ?? ExperimentPlan.Load(options.RepoRoot, options.Experiment, options.Overrides);
        _datasetMemo = new HashMemo(Path.Combine(options.Cache, "datasets.memo.json"));
        // Download progress goes out as the stages' `progress:` lines (the MSBuild task shows them as live status).
        Resolver = new DatasetResolver(Plan.Catalog, Path.Combine(options.Artifacts, "datasets"), _datasetMemo, line => log.Message(line));
        Cache = new StageCache(options.Cache);
        Shared = options.SharedCacheRoot is { Length: > 0 } s ? new StageCache(s, trustMemo: false) : null;
        PreviousState = ExperimentState.Read(Path.Combine(options.ExperimentDir, "state.json"));
        _codes = new(() => options.StageCodes?.Invoke() ?? Code.StageCodeCache.Load(options.Worker, Path.Combine(options.Cache, "code-identity.json")));
    }

    public BuildOptions Options { get; }
    public IBuildLog Log { get; }
    public ExperimentPlan Plan { get; }
    public DatasetResolver Resolver { get; }
    public StageCache Cache { get; }
    public StageCache? Shared { get; }
    /// <summary>state.json as the previous build left it (read once; rewritten by <see cref="ExperimentRecord"/> at the end).</summary>
    public ExperimentState PreviousState { get; }

    /// <summary>The stage's code identity, computed from the compiled worker (cached by the assemblies' content).</summary>
    public Code.StageCode CodeOf(StageDeclaration stage) =>
        _codes.Value.TryGetValue(stage.Name, out var c) ? c
            : throw new WorkflowException("RSW133", $"stage '{stage.Name}' has no implementation in the worker assemblies ({Options.Worker}): no public IStage whose Name is '{stage.Name}'", stage.DeclaredAt);

    public void SaveMemos()
    {
        _datasetMemo.Save();
        Cache.SaveMemo();
    }
}
