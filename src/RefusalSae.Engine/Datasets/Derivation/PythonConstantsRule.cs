using System.Text;
using System.Text.Json.Nodes;
using RefusalSae.Engine.Datasets.Python;

namespace RefusalSae.Engine.Datasets.Derivation;

/// <summary>
/// <c>python-constants</c>: a JSON file of many constants from several sources of one repository (the mirror's
/// eval_constants.json). The spec file is that JSON without the values: every entry names its <c>source</c>
/// ("owner/name:path"), <c>symbol</c>, <c>line</c> (a number, or "code cell index N" in a notebook) and <c>kind</c>
/// (<c>literal</c> or <c>fstring_template</c>); the rule adds each <c>value</c> read from the pinned source and writes
/// the whole as Python's <c>json.dumps(indent=2, ensure_ascii=False)</c> would.
/// </summary>
internal sealed class PythonConstantsRule : IDerivationRule
{
    public string Name => "python-constants";

    public void Validate(string id, DatasetDerivation d)
    {
        DerivationRules.Require(d.Sources.Count > 0, id, d, "needs sources");
        DerivationRules.Require(d.Spec is not null, id, d, "needs spec: (the entries without their values)");
        DerivationRules.Require(d.Symbol is null && d.Datasets.Count == 0, id, d, "takes no symbol or datasets");
    }

    public byte[] Derive(DerivationInputs inputs)
    {
        var spec = JsonNode.Parse(inputs.SpecText())!.AsObject();
        var commit = spec["commit"]?.GetValue<string>() ?? throw new DerivationException($"{inputs.Derivation.Spec} names no commit");
        var output = new JsonObject();
        foreach (var (key, node) in spec)
        {
            if (key != "entries") { output[key] = node?.DeepClone(); continue; }
            var entries = new JsonObject();
            foreach (var (name, entry) in node!.AsObject())
                entries[name] = Entry(inputs, commit, name, entry!.AsObject());
            output[key] = entries;
        }
        return new UTF8Encoding(false).GetBytes(PythonJson.Dumps(output, indent: 2));
    }

    private static JsonObject Entry(DerivationInputs inputs, string commit, string name, JsonObject entry)
    {
        var path = Field(entry, name, "source").Split(':', 2)[^1];
        var source = inputs.Derivation.Sources.FirstOrDefault(s => s.RepoPath == path)
            ?? throw new DerivationException($"entry '{name}' reads {path}, which no derive source provides");
        if (!source.Url.Contains($"/{commit}/", StringComparison.Ordinal))
            throw new DerivationException($"entry '{name}': {source.Url} is not at the spec's commit {commit}");
        var kind = Field(entry, name, "kind");
        if (kind is not ("literal" or "fstring_template")) throw new DerivationException($"entry '{name}': unknown kind '{kind}'");
        var line = entry["line"]?.ToString();
        JsonNode? value;
        bool isTemplate;
        try { (value, isTemplate) = PythonSource.Extract(inputs.SourceText(source), Field(entry, name, "symbol"), line, kind == "fstring_template"); }
        catch (PythonSourceException e) { throw new PythonSourceException($"entry '{name}' ({source.Url}): {e.Message}", e.Line); }
        if (kind == "fstring_template" && !isTemplate) throw new DerivationException($"entry '{name}': {path} line {line} holds no f-string");
        var result = entry.DeepClone().AsObject();
        result["value"] = value;
        return result;
    }

    private static string Field(JsonObject entry, string name, string field) =>
        entry[field]?.GetValue<string>() ?? throw new DerivationException($"entry '{name}' has no {field}");
}
