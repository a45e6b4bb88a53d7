namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// The dataset files the corpus is a pure function of, by role (paths resolved from the catalog by the stage).
/// Every evaluation set is an input too: the builder removes its prompts from training.
/// </summary>
public sealed record ToyCorpusInputs
{
    public required string HarmfulTrain { get; init; }       // refusal_direction/splits/harmful_train.json
    public required string HarmlessTrain { get; init; }      // refusal_direction/splits/harmless_train.json
    public required string EvalConstants { get; init; }      // refusal_sae/extracted/eval_constants.json
    public string? AlpacaData { get; init; }                 // tatsu-lab alpaca_data.json; required for AlpacaOutputs
    /// <summary>More harmful prompt sets in refusal_direction's JSON format that no evaluation reads (e.g. strongreject).</summary>
    public IReadOnlyList<string> ExtraHarmful { get; init; } = [];

    public required string HarmbenchTest { get; init; }      // processed/harmbench_test.json
    public required string JailbreakBench { get; init; }     // processed/jailbreakbench.json
    public required string AdvBench { get; init; }           // processed/advbench.json
    public required string HarmbenchVal { get; init; }       // processed/harmbench_val.json (source of harmful_val)
    public required string HarmfulVal { get; init; }         // splits/harmful_val.json
    public required string HarmfulTest { get; init; }        // splits/harmful_test.json
    public required string HarmlessVal { get; init; }        // splits/harmless_val.json
    public required string HarmlessTest { get; init; }       // splits/harmless_test.json
    public required string Catqa { get; init; }              // red-instruct/catqa_english.json
    public required string WildJailbreakEval { get; init; }  // wildteaming/eval.tsv

    /// <summary>The inputs as laid out in a datasets mirror (../shared/datasets); <paramref name="alpacaData"/> is optional.</summary>
    public static ToyCorpusInputs FromMirror(string root, string? alpacaData = null)
    {
        string P(string rel) => Path.Combine(root, rel);
        return new ToyCorpusInputs
        {
            HarmfulTrain = P("refusal_direction/splits/harmful_train.json"),
            HarmlessTrain = P("refusal_direction/splits/harmless_train.json"),
            EvalConstants = P("refusal_sae/extracted/eval_constants.json"),
            AlpacaData = alpacaData,
            HarmbenchTest = P("refusal_direction/processed/harmbench_test.json"),
            JailbreakBench = P("refusal_direction/processed/jailbreakbench.json"),
            AdvBench = P("refusal_direction/processed/advbench.json"),
            HarmbenchVal = P("refusal_direction/processed/harmbench_val.json"),
            HarmfulVal = P("refusal_direction/splits/harmful_val.json"),
            HarmfulTest = P("refusal_direction/splits/harmful_test.json"),
            HarmlessVal = P("refusal_direction/splits/harmless_val.json"),
            HarmlessTest = P("refusal_direction/splits/harmless_test.json"),
            Catqa = P("red-instruct/catqa_english.json"),
            WildJailbreakEval = P("wildteaming/eval.tsv"),
        };
    }
}
