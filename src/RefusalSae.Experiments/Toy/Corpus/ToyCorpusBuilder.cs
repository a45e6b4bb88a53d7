using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Judges;

namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// Builds the toy organism's training corpus as a pure function of (config, dataset files): harmful prompts answered
/// with varied refusals, harmless Alpaca prompts answered with truncated Alpaca outputs, nothing from an evaluation set
/// (neither equal after normalisation nor a near-copy by word-set Jaccard).
/// </summary>
public static class ToyCorpusBuilder
{
    public static ToyCorpus Build(ToyCorpusConfig config, ToyCorpusInputs inputs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(config.RefusalsPerHarmfulPrompt, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(config.RefusalsPerHarmfulPrompt, RefusalTemplates.All.Count);
        ArgumentOutOfRangeException.ThrowIfNegative(config.HarmlessCount);
        var constants = EvalConstants.Load(inputs.EvalConstants);
        var judge = SubstringJudge.FromConstants(constants);
        var eval = EvalPromptSet.Load(inputs);
        var near = new NearDuplicateIndex(eval.Normalised, config.NearDuplicateJaccard);
        var rng = new Random(config.Seed);

        // Harmful: harmful_train (+ template-harm), first occurrence of each normalised text, no evaluation prompt.
        var harmfulSource = RefusalDirectionJson.Load(inputs.HarmfulTrain).ToList();
        if (config.IncludeTemplateHarm) harmfulSource.AddRange(TemplateHarmPrompts.Load(constants));
        foreach (var path in inputs.ExtraHarmful) harmfulSource.AddRange(RefusalDirectionJson.Load(path));
        var (harmful, harmfulEval, harmfulDup) = Distinct(harmfulSource, eval);
        var harmfulNear = harmful.RemoveAll(p => near.Match(PromptText.Normalise(p.Instruction)) is not null);

        var harmfulExamples = new List<ToyExample>();
        foreach (var p in harmful)
        {
            var templates = SeededShuffle.Shuffle(RefusalTemplates.All, rng).Take(config.RefusalsPerHarmfulPrompt);
            harmfulExamples.AddRange(templates.Select(t => new ToyExample(p.Instruction, RefusalTemplates.Render(t, p.Instruction), true, p.Id)));
        }

        // Harmless: harmless_train with a response each; a response the judge calls a refusal would teach over-refusal.
        var (harmless, harmlessEval, _) = Distinct(RefusalDirectionJson.Load(inputs.HarmlessTrain), eval);
        var outputs = config.HarmlessResponses == HarmlessResponseSource.AlpacaOutputs ? AlpacaOutputs(inputs) : null;
        var candidates = new List<ToyExample>();
        int withoutOutput = 0, refusalDropped = 0, harmlessNear = 0;
        foreach (var p in SeededShuffle.Shuffle(harmless, rng))
        {
            if (candidates.Count == config.HarmlessCount) break;
            if (near.Match(PromptText.Normalise(p.Instruction)) is not null) { harmlessNear++; continue; }
            string response;
            if (outputs is null)
                response = ComplianceTemplates.Render(ComplianceTemplates.All[rng.Next(ComplianceTemplates.All.Count)], p.Instruction);
            else if (outputs.TryGetValue(PromptText.Normalise(p.Instruction), out var output) && output.Trim().Length > 0)
                response = WordTruncation.Truncate(output.Trim(), config.MaxResponseWords);
            else { withoutOutput++; continue; }
            if (judge.IsRefusal(response)) { refusalDropped++; continue; }
            candidates.Add(new ToyExample(p.Instruction, response, false, p.Id));
        }

        var examples = SeededShuffle.Shuffle(harmfulExamples.Concat(candidates), rng);
        var stats = new ToyCorpusStats(harmful.Count, harmfulEval, harmfulNear, harmfulDup, harmless.Count, harmlessEval, harmlessNear, withoutOutput,
            refusalDropped, candidates.Count, harmfulExamples.Count, config.HarmlessResponses);
        return new ToyCorpus(examples, stats);
    }

    private static (List<Prompt> Kept, int InEval, int Duplicates) Distinct(IEnumerable<Prompt> prompts, EvalPromptSet eval)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<Prompt>();
        int inEval = 0, duplicates = 0;
        foreach (var p in prompts)
        {
            if (eval.SetContaining(p.Instruction) is not null) { inEval++; continue; }
            if (!seen.Add(PromptText.Normalise(p.Instruction))) { duplicates++; continue; }
            kept.Add(p);
        }
        return (kept, inEval, duplicates);
    }

    /// <summary>Normalised instruction → output of the first Alpaca row with that instruction and an empty input.</summary>
    private static Dictionary<string, string> AlpacaOutputs(ToyCorpusInputs inputs)
    {
        if (inputs.AlpacaData is null || !File.Exists(inputs.AlpacaData))
            throw new FileNotFoundException(
                $"harmless_responses: alpaca-outputs needs tatsu-lab alpaca_data.json (catalog id 'alpaca_data'), not found at '{inputs.AlpacaData}'. " +
                "Fetch it, or set harmless_responses: compliance-templates to build offline.", inputs.AlpacaData);
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in AlpacaJson.Load(inputs.AlpacaData))
            if (r.Input.Length == 0) map.TryAdd(PromptText.Normalise(r.Instruction), r.Output);
        return map;
    }
}
