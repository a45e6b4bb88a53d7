using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// Every prompt of every evaluation set, by normalised text (<see cref="PromptText.Normalise"/>): the §4.1 benchmarks
/// (whole files, not only the first 100), the harmful/harmless val and test splits, HarmBench val, CATQA (all 11
/// categories) and WildJailbreak eval (adversarial text). Training must not contain any of them.
/// </summary>
public sealed class EvalPromptSet
{
    private readonly Dictionary<string, string> _setOf;   // normalised prompt → name of the first set that has it

    private EvalPromptSet(Dictionary<string, string> setOf, IReadOnlyDictionary<string, int> counts)
    {
        _setOf = setOf;
        Counts = counts;
    }

    /// <summary>Number of prompts read per evaluation set.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; }

    public int Count => _setOf.Count;

    /// <summary>Every evaluation prompt, normalised.</summary>
    public IEnumerable<string> Normalised => _setOf.Keys;

    public static EvalPromptSet Load(ToyCorpusInputs inputs)
    {
        var sets = new List<(string Name, IEnumerable<string> Prompts)>
        {
            ("harmbench_test", Instructions(inputs.HarmbenchTest)),
            ("jailbreakbench", Instructions(inputs.JailbreakBench)),
            ("advbench", Instructions(inputs.AdvBench)),
            ("harmbench_val", Instructions(inputs.HarmbenchVal)),
            ("harmful_val", Instructions(inputs.HarmfulVal)),
            ("harmful_test", Instructions(inputs.HarmfulTest)),
            ("harmless_val", Instructions(inputs.HarmlessVal)),
            ("harmless_test", Instructions(inputs.HarmlessTest)),
            ("catqa", CatqaJson.Load(inputs.Catqa).Select(q => q.Question)),
            ("wildjailbreak_eval", WildJailbreakTsv.Load(inputs.WildJailbreakEval).SelectMany(r => new[] { r.Adversarial, r.Vanilla }).OfType<string>()),
        };
        var setOf = new Dictionary<string, string>(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>();
        foreach (var (name, prompts) in sets)
        {
            var n = 0;
            foreach (var p in prompts) { setOf.TryAdd(PromptText.Normalise(p), name); n++; }
            counts[name] = n;
        }
        return new EvalPromptSet(setOf, counts);
    }

    /// <summary>The evaluation set that holds this prompt (after normalisation), or null.</summary>
    public string? SetContaining(string prompt) => _setOf.GetValueOrDefault(PromptText.Normalise(prompt));

    private static IEnumerable<string> Instructions(string path) => RefusalDirectionJson.Load(path).Select(p => p.Instruction);
}
