using YamlDotNet.RepresentationModel;
using RefusalSae.Engine.Config;

namespace RefusalSae.Engine.Pipeline;

/// <summary>
/// experiments/pipeline.yaml: every stage's declaration, readable without TorchSharp (the MSBuild tasks and the
/// worker both read it). Stages are kept in topological order; upstream names must be declared. An upstream entry
/// `${config.key}` names the stages from a string or strings config value; <see cref="Resolve"/> replaces it once the
/// experiment's config is known (e.g. the paper stages read the toy organism's stages, a real model's none).
/// </summary>
public sealed class PipelineDeclaration
{
    public const string Display = "experiments/pipeline.yaml";

    private static readonly HashSet<string> Fields = ["version", "description", "config", "item_config", "upstream", "datasets", "per_item", "reads_rendered", "resources"];

    private PipelineDeclaration(IReadOnlyList<StageDeclaration> ordered, IReadOnlyList<ExecutionSetting> execution) =>
        (Stages, ByName, Execution) = (ordered, ordered.ToDictionary(s => s.Name, StringComparer.Ordinal), execution);

    /// <summary>
    /// `execution:`: config keys that cannot change any result (HTTP batch size, concurrency, timeouts, retries), each
    /// with the reason. They reach the stages but are left out of every stage and item key.
    /// </summary>
    public IReadOnlyList<ExecutionSetting> Execution { get; }

    /// <summary>All stages, upstream before downstream.</summary>
    public IReadOnlyList<StageDeclaration> Stages { get; }

    public IReadOnlyDictionary<string, StageDeclaration> ByName { get; }

    public static PipelineDeclaration Load(string repoRoot) =>
        Parse(YamlFile.LoadMapping(Path.Combine(repoRoot, "experiments", "pipeline.yaml"), Display));

    public static PipelineDeclaration Parse(YamlMappingNode root)
    {
        var stagesNode = root.Children.TryGetValue(new YamlScalarNode("stages"), out var n) ? n as YamlMappingNode : null;
        var executionNode = root.Children.TryGetValue(new YamlScalarNode("execution"), out var e) ? e : null;
        if (stagesNode is null || root.Children.Count != (executionNode is null ? 1 : 2))
            throw new WorkflowException("RSW101", "expected the top-level keys stages: (a mapping of stage name → declaration) and optionally execution: (config key → why it cannot change results)", SourceLocation.Of(Display, root));
        var list = YamlFile.Entries(stagesNode, Display).Select(e => ReadStage(e.Key, e.KeyNode, e.Value)).ToList();
        return new PipelineDeclaration(TopoSort(list), ReadExecution(executionNode));
    }

    private static List<ExecutionSetting> ReadExecution(YamlNode? node)
    {
        if (node is null) return [];
        if (node is not YamlMappingNode map)
            throw new WorkflowException("RSW112", "execution: expects a mapping of config key → why it cannot change any result", SourceLocation.Of(Display, node));
        return YamlFile.Entries(map, Display).Select(e => new ExecutionSetting(e.Key,
            (e.Value as YamlScalarNode)?.Value is { Length: > 0 } why ? why
                : throw new WorkflowException("RSW112", $"execution setting '{e.Key}': write why it cannot change any result", SourceLocation.Of(Display, e.KeyNode)),
            SourceLocation.Of(Display, e.KeyNode))).ToList();
    }

    /// <summary>The stages needed for <paramref name="targets"/> (all when empty), upstream first.</summary>
    public IReadOnlyList<StageDeclaration> Closure(IReadOnlyList<string> targets)
    {
        if (targets.Count == 0) return Stages;
        var need = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string name) { if (need.Add(name)) foreach (var u in ByName[name].Upstream.Where(u => !IsReference(u))) Visit(u); }
        foreach (var t in targets) Visit(t);
        return Stages.Where(s => need.Contains(s.Name)).ToList();
    }

    /// <summary>True for an entry of the form `${config.key}` (resolved from the experiment's config).</summary>
    public static bool IsReference(string entry) =>
        entry.StartsWith("${", StringComparison.Ordinal) && entry.EndsWith('}') && entry.Length > 3;

    /// <summary>
    /// The pipeline with every `${config.key}` upstream entry replaced by the stage names
    /// <paramref name="expand"/> gives for it (each with the location to blame when the name is unknown).
    /// </summary>
    public PipelineDeclaration Resolve(Func<StageDeclaration, string, IReadOnlyList<(string Name, SourceLocation? At)>> expand)
    {
        var resolved = Stages.Select(s =>
        {
            if (!s.Upstream.Any(IsReference)) return s;
            var names = new List<string>();
            foreach (var u in s.Upstream)
            {
                if (!IsReference(u)) { names.Add(u); continue; }
                foreach (var (name, at) in expand(s, u))
                {
                    if (!ByName.ContainsKey(name))
                        throw new WorkflowException("RSW105", $"stage '{s.Name}': upstream '{u}' names unknown stage '{name}'{DidYouMean.Suffix(name, ByName.Keys)}", at ?? s.DeclaredAt);
                    if (name == s.Name)
                        throw new WorkflowException("RSW106", $"stage '{s.Name}': upstream '{u}' names the stage itself", at ?? s.DeclaredAt);
                    names.Add(name);
                }
            }
            return s with { Upstream = names.Distinct(StringComparer.Ordinal).ToList() };
        }).ToList();
        return new PipelineDeclaration(TopoSort(resolved), Execution);
    }

    private static StageDeclaration ReadStage(string name, YamlScalarNode keyNode, YamlNode value)
    {
        var at = SourceLocation.Of(Display, keyNode);
        if (value is not YamlMappingNode map)
            throw new WorkflowException("RSW102", $"stage '{name}': expected a mapping of its fields", SourceLocation.Of(Display, value));
        foreach (var (field, fk, _) in YamlFile.Entries(map, Display))
            if (field == "code")
                throw new WorkflowException("RSW103", $"stage '{name}': code: is no longer declared; a stage's code identity is computed from the compiled worker (what its Run can reach)", SourceLocation.Of(Display, fk));
            else if (!Fields.Contains(field))
                throw new WorkflowException("RSW103", $"stage '{name}': unknown field '{field}'{DidYouMean.Suffix(field, Fields)}", SourceLocation.Of(Display, fk));
        var versionNode = Get(map, "version")
            ?? throw new WorkflowException("RSW104", $"stage '{name}': missing version: (an integer bumped when outputs change meaning)", at);
        var version = ScalarParser.Read(versionNode, ConfigKind.Int)?.GetValue<long>()
            ?? throw new WorkflowException("RSW104", $"stage '{name}': version expects an integer", SourceLocation.Of(Display, versionNode));
        var perItemNode = Get(map, "per_item");
        var readsRenderedNode = Get(map, "reads_rendered");
        return new StageDeclaration
        {
            Name = name,
            Version = (int)version,
            Description = (Get(map, "description") as YamlScalarNode)?.Value ?? "",
            Config = Strings(map, "config", name),
            ItemConfig = Strings(map, "item_config", name),
            Upstream = Strings(map, "upstream", name),
            Datasets = Strings(map, "datasets", name),
            Resources = Strings(map, "resources", name),
            PerItem = perItemNode is null ? false
                : ScalarParser.Read(perItemNode, ConfigKind.Bool)?.GetValue<bool>()
                  ?? throw new WorkflowException("RSW104", $"stage '{name}': per_item expects true or false", SourceLocation.Of(Display, perItemNode)),
            ReadsRendered = readsRenderedNode is null ? false
                : ScalarParser.Read(readsRenderedNode, ConfigKind.Bool)?.GetValue<bool>()
                  ?? throw new WorkflowException("RSW104", $"stage '{name}': reads_rendered expects true or false", SourceLocation.Of(Display, readsRenderedNode)),
            DeclaredAt = at,
        };
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : null;

    private static List<string> Strings(YamlMappingNode map, string field, string stage)
    {
        var node = Get(map, field);
        if (node is null) return [];
        return (ScalarParser.Read(node, ConfigKind.Strings) as System.Text.Json.Nodes.JsonArray)?.Select(v => v!.GetValue<string>()).ToList()
            ?? throw new WorkflowException("RSW104", $"stage '{stage}': {field} expects a list of strings, e.g. [a, b]", SourceLocation.Of(Display, node));
    }

    private static List<StageDeclaration> TopoSort(List<StageDeclaration> stages)
    {
        var byName = stages.ToDictionary(s => s.Name, StringComparer.Ordinal);
        foreach (var s in stages)
            foreach (var u in s.Upstream.Where(u => !IsReference(u)))
                if (!byName.ContainsKey(u))
                    throw new WorkflowException("RSW105", $"stage '{s.Name}': unknown upstream '{u}'{DidYouMean.Suffix(u, byName.Keys)}", s.DeclaredAt);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<StageDeclaration>();
        void Visit(StageDeclaration s)
        {
            if (done.Contains(s.Name)) return;
            if (!visiting.Add(s.Name))
                throw new WorkflowException("RSW106", $"stage '{s.Name}' is part of an upstream cycle", s.DeclaredAt);
            foreach (var u in s.Upstream.Where(u => !IsReference(u))) Visit(byName[u]);
            visiting.Remove(s.Name);
            done.Add(s.Name);
            order.Add(s);
        }
        foreach (var s in stages) Visit(s);
        return order;
    }
}
