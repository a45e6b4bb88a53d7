using RefusalSae.Engine.Config;
using RefusalSae.Engine.Datasets;
using RefusalSae.Engine.Pipeline;

namespace RefusalSae.Engine.Building;

/// <summary>
/// Everything known before any stage runs: the pipeline, the validated config, the stages to build (upstream first)
/// and each stage's dataset ids. Building it validates all inputs, so nothing runs on an invalid config.
/// </summary>
public sealed record ExperimentPlan(PipelineDeclaration Pipeline, ResolvedConfig Config, IReadOnlyList<StageDeclaration> Stages,
    IReadOnlyDictionary<string, IReadOnlyList<string>> DatasetIds, DatasetCatalog Catalog)
{
    public static ExperimentPlan Load(string repoRoot, string experiment, string? overrides)
    {
        var pipeline = PipelineDeclaration.Load(repoRoot);
        var schema = ConfigSchema.Load(Path.Combine(repoRoot, "experiments", "defaults.yaml"), "experiments/defaults.yaml");
        foreach (var s in pipeline.Stages)
            foreach (var prefix in s.Config.Concat(s.ItemConfig))
                if (!schema.Keys.ContainsKey(prefix) && !schema.IsGroup(prefix))
                    throw new WorkflowException("RSW108", $"stage '{s.Name}' reads config '{prefix}', which experiments/defaults.yaml does not define{DidYouMean.Suffix(prefix, schema.Keys.Keys.Concat(schema.Keys.Keys.Select(k => k[..Math.Max(0, k.LastIndexOf('.'))])).Distinct())}", s.DeclaredAt);
        foreach (var x in pipeline.Execution)
            if (!schema.Keys.ContainsKey(x.Key))
                throw new WorkflowException("RSW112", $"execution setting '{x.Key}' is not a key of experiments/defaults.yaml{DidYouMean.Suffix(x.Key, schema.Keys.Keys)}", x.DeclaredAt);
        var config = new ExperimentLoader(repoRoot, schema, pipeline.ByName.Keys.ToHashSet(StringComparer.Ordinal)).Load(experiment, overrides);
        pipeline = pipeline.Resolve((s, entry) => Expand(entry, s, config, "upstream"));
        var stages = pipeline.Closure(config.Targets);
        var catalog = DatasetCatalog.Load(repoRoot);
        var datasetIds = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var s in stages) datasetIds[s.Name] = DatasetIdsOf(s, config, catalog);
        return new ExperimentPlan(pipeline, config, stages, datasetIds, catalog);
    }

    /// <summary>
    /// The dataset ids of any declared stage, also one outside the experiment's targets (`-t:&lt;stage&gt;` builds a
    /// stage and its upstream whatever the experiment's targets are).
    /// </summary>
    public IReadOnlyList<string> DatasetIdsOf(StageDeclaration stage) =>
        DatasetIds.TryGetValue(stage.Name, out var ids) ? ids : DatasetIdsOf(stage, Config, Catalog);

    /// <summary>A stage and its upstream, upstream first (config-dependent upstream entries resolved).</summary>
    public IReadOnlyList<StageDeclaration> ClosureOf(IReadOnlyList<string> stages) => Pipeline.Closure(stages);

    private static IReadOnlyList<string> DatasetIdsOf(StageDeclaration s, ResolvedConfig config, DatasetCatalog catalog)
    {
        var ids = s.Datasets.SelectMany(d => Expand(d, s, config, "datasets")).Distinct().ToList();
        foreach (var (id, at) in ids)
            if (!catalog.Datasets.ContainsKey(id))
                throw new WorkflowException("RSW202", $"stage '{s.Name}': unknown dataset '{id}' (not in {DatasetCatalog.Display}){DidYouMean.Suffix(id, catalog.Datasets.Keys)}", at);
        return ids.Select(i => i.Id).Distinct().ToList();
    }

    /// <summary>`${key}` takes the id(s) from a string or strings config value (an empty string names none); otherwise the id itself.</summary>
    private static IReadOnlyList<(string Id, SourceLocation? At)> Expand(string declared, StageDeclaration s, ResolvedConfig config, string field)
    {
        if (!PipelineDeclaration.IsReference(declared))
            return [(declared, s.DeclaredAt)];
        var key = declared[2..^1];
        if (!config.Values.TryGetValue(key, out var entry))
            throw new WorkflowException("RSW109", $"stage '{s.Name}': {field} entry '{declared}' names no config key", s.DeclaredAt);
        return entry.Value switch
        {
            System.Text.Json.Nodes.JsonArray a => a.Select(v => (v!.GetValue<string>(), (SourceLocation?)entry.At)).ToList(),
            var v when v.GetValueKind() == System.Text.Json.JsonValueKind.String =>
                v.GetValue<string>() is "" ? [] : [(v.GetValue<string>(), entry.At)],
            _ => throw new WorkflowException("RSW109", $"stage '{s.Name}': '{key}' must be a string or strings to name {field}", s.DeclaredAt),
        };
    }
}
