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
    private readonly Dictionary<string, string> _codeHashes = new(StringComparer.Ordinal);
    private readonly HashMemo _datasetMemo;

    public BuildContext(BuildOptions options, IBuildLog log, ExperimentPlan? plan = null)
    {
        Options = options;
        Log = log;
        Plan = plan ?? ExperimentPlan.Load(options.RepoRoot, options.Experiment, options.Overrides);
        _datasetMemo = new HashMemo(Path.Combine(options.Cache, "datasets.memo.json"));
        Resolver = new DatasetResolver(Plan.Catalog, Path.Combine(options.Artifacts, "datasets"), _datasetMemo);
        Cache = new StageCache(options.Cache);
        Shared = options.SharedCacheRoot is { Length: > 0 } s ? new StageCache(s, trustMemo: false) : null;
        PreviousState = ExperimentState.Read(Path.Combine(options.ExperimentDir, "state.json"));
    }

    public BuildOptions Options { get; }
    public IBuildLog Log { get; }
    public ExperimentPlan Plan { get; }
    public DatasetResolver Resolver { get; }
    public StageCache Cache { get; }
    public StageCache? Shared { get; }
    /// <summary>state.json as the previous build left it (read once; rewritten by <see cref="ExperimentRecord"/> at the end).</summary>
    public ExperimentState PreviousState { get; }

    /// <summary>The code part of a stage key, through <see cref="CodeHash"/> (memoised per folder set within a build).</summary>
    public string CodeOf(StageDeclaration stage)
    {
        var id = string.Join('\n', stage.Code.Order(StringComparer.Ordinal));
        lock (_codeHashes)
        {
            if (!_codeHashes.TryGetValue(id, out var h))
                _codeHashes[id] = h = CodeHash.Compute(Options.RepoRoot, stage.Code, stage.DeclaredAt);
            return h;
        }
    }

    public void SaveMemos()
    {
        _datasetMemo.Save();
        Cache.SaveMemo();
    }
}
