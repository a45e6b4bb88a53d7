using System.Text;
using System.Text.Json.Nodes;
using RefusalSae.Engine.Datasets.Python;

namespace RefusalSae.Engine.Datasets.Derivation;

/// <summary>
/// <c>python-random-samples</c>: the indices CPython's <c>random.sample</c> draws, with no download. The spec gives
/// a description, the seed and, per call, the sample size of each catalog dataset in draw order; each call reseeds
/// (wj210/refusal_sae load_refusal_datasets: <c>random.seed(42)</c>, then <c>random.sample(ds, min(size, len(ds)))</c>
/// per dataset). The file lists the indices per dataset and the first drawn instruction of each as a check value,
/// written in the mirror's layout (indent 1, number lists on one line, trailing newline).
/// </summary>
internal sealed class RandomSamplesRule : IDerivationRule
{
    public string Name => "python-random-samples";

    public void Validate(string id, DatasetDerivation d)
    {
        DerivationRules.Require(d.Datasets.Count > 0, id, d, "needs datasets: (the catalog ids it samples)");
        DerivationRules.Require(d.Spec is not null, id, d, "needs spec: (seed and sample sizes per call)");
        DerivationRules.Require(d.Sources.Count == 0 && d.Symbol is null, id, d, "takes no sources or symbol");
    }

    public byte[] Derive(DerivationInputs inputs)
    {
        var spec = JsonNode.Parse(inputs.SpecText())!.AsObject();
        var seed = spec["seed"]?.GetValue<long>() ?? throw new DerivationException($"{inputs.Derivation.Spec} has no seed");
        var instructions = inputs.Derivation.Datasets.ToDictionary(id => id, id => Instructions(inputs.DatasetPath(id)));
        var output = new JsonObject();
        foreach (var (key, node) in spec)
        {
            if (key == "seed") continue;
            if (key != "calls") { output[key] = node?.DeepClone(); continue; }
            var calls = new JsonObject();
            foreach (var (call, sizes) in node!.AsObject()) calls[call] = Call(call, sizes!.AsObject(), seed, instructions);
            output[key] = calls;
        }
        return new UTF8Encoding(false).GetBytes(PythonJson.Dumps(output, indent: 1, compactScalarLists: true) + "\n");
    }

    private static JsonObject Call(string call, JsonObject sizes, long seed, Dictionary<string, List<string>> instructions)
    {
        var random = new CPythonRandom(seed);
        var result = new JsonObject();
        var first = new JsonObject();
        foreach (var (id, size) in sizes)
        {
            if (!instructions.TryGetValue(id, out var items)) throw new DerivationException($"call '{call}' samples '{id}', which derive.datasets does not list");
            var picked = random.Sample(items.Count, Math.Min(size!.GetValue<int>(), items.Count));
            result[id] = new JsonArray(picked.Select(i => (JsonNode)JsonValue.Create(i)).ToArray());
            first[id] = picked.Length > 0 ? items[picked[0]] : null;
        }
        result["first_items"] = first;
        return result;
    }

    /// <summary>The instruction list of a refusal_direction split (a JSON array of {instruction, category}).</summary>
    private static List<string> Instructions(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(r => r!["instruction"]!.GetValue<string>()).ToList();
}
