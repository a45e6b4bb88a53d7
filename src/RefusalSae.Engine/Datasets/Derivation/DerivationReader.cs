using System.Text.RegularExpressions;
using RefusalSae.Engine.Config;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Engine.Datasets.Derivation;

/// <summary>Reads a catalog entry's <c>derive:</c> mapping strictly (unknown fields, missing pins and unknown rules are RSW201).</summary>
internal static partial class DerivationReader
{
    private static readonly HashSet<string> Fields = ["rule", "sources", "datasets", "symbol", "spec"];
    private static readonly HashSet<string> SourceFields = ["url", "sha256"];

    [GeneratedRegex("^[0-9a-f]{64}$")] private static partial Regex Sha256Pattern();
    // A source is pinned by commit: a 40-hex path segment, as every other catalog URL.
    [GeneratedRegex("^https?://[^ ]+/[0-9a-f]{40}/[^ ]+$")] private static partial Regex PinnedUrl();

    public static DatasetDerivation Read(string id, YamlNode node)
    {
        if (node is not YamlMappingNode map) throw Error($"dataset '{id}': derive expects a mapping (rule, sources, …)", node);
        string? rule = null, symbol = null, spec = null;
        var sources = new List<DerivationSource>();
        var datasets = new List<string>();
        foreach (var (k, kn, v) in YamlFile.Entries(map, DatasetCatalog.Display))
        {
            switch (k)
            {
                case "rule": rule = Scalar(id, k, v); break;
                case "symbol": symbol = Scalar(id, k, v); break;
                case "spec": spec = Scalar(id, k, v); break;
                case "datasets":
                    if (v is not YamlSequenceNode ds) throw Error($"dataset '{id}': derive.datasets expects a list of catalog ids", v);
                    datasets.AddRange(ds.Select(d => Scalar(id, k, d)));
                    break;
                case "sources":
                    if (v is not YamlSequenceNode ss) throw Error($"dataset '{id}': derive.sources expects a list of {{url, sha256}}", v);
                    sources.AddRange(ss.Select(s => Source(id, s)));
                    break;
                default: throw Error($"dataset '{id}': unknown derive field '{k}'{DidYouMean.Suffix(k, Fields)}", kn);
            }
        }
        if (rule is null) throw Error($"dataset '{id}': derive needs a rule ({string.Join(", ", DerivationRules.Names)})", map);
        if (!DerivationRules.Names.Contains(rule)) throw Error($"dataset '{id}': unknown derive rule '{rule}'{DidYouMean.Suffix(rule, DerivationRules.Names)}", map);
        var derivation = new DatasetDerivation(rule, sources, datasets, symbol, spec, SourceLocation.Of(DatasetCatalog.Display, map));
        DerivationRules.Get(rule).Validate(id, derivation);
        return derivation;
    }

    private static DerivationSource Source(string id, YamlNode node)
    {
        if (node is not YamlMappingNode map) throw Error($"dataset '{id}': a derive source expects {{url, sha256}}", node);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, kn, v) in YamlFile.Entries(map, DatasetCatalog.Display))
        {
            if (!SourceFields.Contains(k)) throw Error($"dataset '{id}': unknown source field '{k}'{DidYouMean.Suffix(k, SourceFields)}", kn);
            fields[k] = Scalar(id, k, v);
        }
        var url = fields.GetValueOrDefault("url") ?? throw Error($"dataset '{id}': a derive source needs a url", map);
        if (!PinnedUrl().IsMatch(url)) throw Error($"dataset '{id}': source {url} is not pinned to a commit (a 40-hex path segment)", map);
        var sha = fields.GetValueOrDefault("sha256");
        if (sha is null || !Sha256Pattern().IsMatch(sha)) throw Error($"dataset '{id}': source {url} needs its sha256 (64 lower-case hex digits)", map);
        return new DerivationSource(url, sha, SourceLocation.Of(DatasetCatalog.Display, map));
    }

    private static string Scalar(string id, string key, YamlNode v) =>
        v is YamlScalarNode { Value: { Length: > 0 } s } ? s : throw Error($"dataset '{id}': derive.{key} expects a single value", v);

    internal static WorkflowException Error(string message, YamlNode node) =>
        new("RSW201", message, SourceLocation.Of(DatasetCatalog.Display, node));
}
