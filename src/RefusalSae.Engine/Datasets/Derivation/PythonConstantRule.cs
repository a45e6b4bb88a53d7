using System.Text;
using System.Text.Json.Nodes;
using RefusalSae.Engine.Datasets.Python;

namespace RefusalSae.Engine.Datasets.Derivation;

/// <summary>
/// <c>python-constant</c>: one string constant of one Python source, e.g. HarmBench's
/// <c>LLAMA2_CLS_PROMPT["prompt"]</c>, written as UTF-8 without a trailing newline (what <c>ast.literal_eval</c> gives).
/// </summary>
internal sealed class PythonConstantRule : IDerivationRule
{
    public string Name => "python-constant";

    public void Validate(string id, DatasetDerivation d)
    {
        DerivationRules.Require(d.Sources.Count == 1, id, d, "reads exactly one source");
        DerivationRules.Require(d.Symbol is not null, id, d, "needs symbol: (e.g. NAME[\"key\"])");
        DerivationRules.Require(d.Spec is null && d.Datasets.Count == 0, id, d, "takes no spec or datasets");
    }

    public byte[] Derive(DerivationInputs inputs)
    {
        var d = inputs.Derivation;
        var (value, _) = PythonSource.Extract(inputs.SourceText(d.Sources[0]), d.Symbol!, line: null, template: false);
        return value is JsonValue v && v.TryGetValue<string>(out var s) ? new UTF8Encoding(false).GetBytes(s)
            : throw new DerivationException($"{d.Symbol} is not a string");
    }
}
