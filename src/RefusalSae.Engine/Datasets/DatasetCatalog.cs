using System.Text.RegularExpressions;
using RefusalSae.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Engine.Datasets;

/// <summary>
/// datasets/catalog.yaml: `mirrors:` (offline roots, repo-relative; env RSW_DATASETS, ':'-separated, overrides) and
/// `datasets:` id → {file, url, sha256, format, licence, token_env, derive}. `derive:` (a mapping, see
/// <see cref="Derivation.DatasetDerivation"/>) replaces the url of a file computed from pinned upstream files.
/// </summary>
public sealed partial class DatasetCatalog
{
    public const string Display = "datasets/catalog.yaml";
    private static readonly HashSet<string> Fields = ["file", "url", "sha256", "format", "licence", "token_env", "derive"];

    public required IReadOnlyList<string> Mirrors { get; init; }
    public required IReadOnlyDictionary<string, DatasetEntry> Datasets { get; init; }
    /// <summary>The repository root: derive specs are repo-relative.</summary>
    public string RepoRoot { get; init; } = "";

    [GeneratedRegex("^[0-9a-f]{64}$")] private static partial Regex Sha256Pattern();

    public static DatasetCatalog Load(string repoRoot)
    {
        var root = YamlFile.LoadMapping(Path.Combine(repoRoot, "datasets", "catalog.yaml"), Display);
        var mirrors = new List<string>();
        var datasets = new Dictionary<string, DatasetEntry>(StringComparer.Ordinal);
        foreach (var (key, keyNode, value) in YamlFile.Entries(root, Display))
        {
            switch (key)
            {
                case "mirrors":
                    mirrors.AddRange((ScalarParser.Read(value, ConfigKind.Strings) as System.Text.Json.Nodes.JsonArray)?.Select(v => v!.GetValue<string>())
                        ?? throw Error("RSW201", "mirrors: expects a list of folders", value));
                    break;
                case "datasets":
                    if (value is not YamlMappingNode map) throw Error("RSW201", "datasets: expects a mapping id → entry", value);
                    foreach (var (id, idNode, entry) in YamlFile.Entries(map, Display))
                        datasets[id] = ReadEntry(id, idNode, entry);
                    break;
                default:
                    throw Error("RSW201", $"unknown top-level key '{key}'{DidYouMean.Suffix(key, ["mirrors", "datasets"])}", keyNode);
            }
        }
        foreach (var e in datasets.Values)
            foreach (var id in e.Derive?.Datasets ?? [])
                if (!datasets.ContainsKey(id) || id == e.Id)
                    throw new WorkflowException("RSW201", $"dataset '{e.Id}': derive.datasets names '{id}', which is not another catalog dataset{DidYouMean.Suffix(id, datasets.Keys)}", e.Derive!.DeclaredAt);
        var env = Environment.GetEnvironmentVariable("RSW_DATASETS");
        if (!string.IsNullOrWhiteSpace(env)) mirrors = [.. env.Split(':', StringSplitOptions.RemoveEmptyEntries)];
        return new DatasetCatalog
        {
            Mirrors = mirrors.Select(m => Path.GetFullPath(Path.Combine(repoRoot, m))).ToList(),
            Datasets = datasets,
            RepoRoot = repoRoot,
        };
    }

    private static DatasetEntry ReadEntry(string id, YamlNode idNode, YamlNode node)
    {
        if (node is not YamlMappingNode map) throw Error("RSW201", $"dataset '{id}': expects a mapping", node);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        Derivation.DatasetDerivation? derive = null;
        foreach (var (k, kn, v) in YamlFile.Entries(map, Display))
        {
            if (!Fields.Contains(k)) throw Error("RSW201", $"dataset '{id}': unknown field '{k}'{DidYouMean.Suffix(k, Fields)}", kn);
            if (k == "derive") { derive = Derivation.DerivationReader.Read(id, v); continue; }
            if (v is not YamlScalarNode s) throw Error("RSW201", $"dataset '{id}': {k} expects a single value", v);
            fields[k] = s.Value is "~" or "null" or "" ? null : s.Value;
        }
        string Need(string f) => fields.GetValueOrDefault(f)
            ?? throw Error("RSW201", $"dataset '{id}': missing {f}", idNode);
        // `sha256: ~` declares an unpinned source (e.g. a gated or streamed file whose bytes we could not see offline):
        // its key hash is then the hash of the file actually used, and the build warns.
        var sha = fields.GetValueOrDefault("sha256");
        if (sha is not null && !Sha256Pattern().IsMatch(sha)) throw Error("RSW201", $"dataset '{id}': sha256 must be 64 lower-case hex digits or ~ (unpinned)", map);
        var file = Need("file");
        if (Path.IsPathRooted(file) || file.Split('/').Contains("..")) throw Error("RSW201", $"dataset '{id}': file must be a relative path inside a mirror", map);
        // A derived file is checked byte for byte against its pin, and comes from its derive block, not a url.
        if (derive is not null && (sha is null || fields.GetValueOrDefault("url") is not null))
            throw Error("RSW201", $"dataset '{id}': a derived dataset needs sha256 (what the derivation must reproduce) and url: ~", map);
        return new DatasetEntry(id, file, fields.GetValueOrDefault("url"), sha, Need("format"), Need("licence"),
            fields.GetValueOrDefault("token_env"), SourceLocation.Of(Display, idNode), derive);
    }

    private static WorkflowException Error(string code, string message, YamlNode node) =>
        new(code, message, SourceLocation.Of(Display, node));
}
