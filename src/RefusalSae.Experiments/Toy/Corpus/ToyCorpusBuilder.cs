using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Toy.Corpus.Synthetic;

namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// Builds the toy organism's training corpus as a pure function of (config, dataset files): harmful prompts answered
/// with varied refusals, harmless Alpaca prompts answered with truncated Alpaca outputs, nothing from an evaluation set
/// (neither equal after normalisation nor a near-copy by word-set Jaccard). Optionally augmented with surface rewrites
/// of the prompts and with requests composed from our own lexicons (<see cref="Synthetic"/>), which pass the same
/// exclusion; they draw from their own seeded generator, so switching them off gives the un-augmented corpus exactly.
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
        var augmentRng = new Random(config.Seed + 1_000_003);

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

        var gate = new TrainingPromptGate(eval, near, harmful.Select(p => p.Instruction));
        var harmfulVariants = 0;
        foreach (var p in harmful)
            for (var k = 0; k < config.VariantsPerHarmfulPrompt; k++)
            {
                var v = PromptVariants.Rewrite(p.Instruction, augmentRng);
                if (!gate.TryAdmit(v)) continue;
                harmfulExamples.Add(Refusal(v, $"{p.Id}~{k}", augmentRng));
                harmfulVariants++;
            }
        var syntheticHarmful = Synthesise(config.SyntheticHarmful, true, gate, augmentRng,
            (prompt, i) => Refusal(prompt, $"synthetic_harmful:{i}", augmentRng));
        harmfulExamples.AddRange(syntheticHarmful);

        // Harmless: harmless_train with a response each; a response the judge calls a refusal would teach over-refusal.
        var (harmless, harmlessEval, _) = Distinct(RefusalDirectionJson.Load(inputs.HarmlessTrain), eval);
        var outputs = config.HarmlessResponses == HarmlessResponseSource.AlpacaOutputs ? AlpacaOutputs(inputs) : null;
        var candidates = new List<ToyExample>();
        int withoutOutput = 0, refusalDropped = 0, harmlessNear = 0, harmlessVariants = 0;
        foreach (var p in SeededShuffle.Shuffle(harmless, rng))
        {
            if (candidates.Count == config.HarmlessCount) break;
            if (near.Match(PromptText.Normalise(p.Instruction)) is not null) { harmlessNear++; continue; }
            var instruction = p.Instruction;
            if (config.HarmlessVariantShare > 0 && augmentRng.NextDouble() < config.HarmlessVariantShare)
            {
                var v = PromptVariants.Rewrite(p.Instruction, augmentRng);
                // A rewrite that changes nothing is not a variant: it keeps its id and is not counted as one.
                if (v != p.Instruction && gate.TryAdmit(v)) { instruction = v; harmlessVariants++; }
            }
            string response;
            if (outputs is null)
                response = ComplianceTemplates.Render(ComplianceTemplates.All[rng.Next(ComplianceTemplates.All.Count)], instruction);
            else if (outputs.TryGetValue(PromptText.Normalise(p.Instruction), out var output) && output.Trim().Length > 0)
                response = WordTruncation.Truncate(output.Trim(), config.MaxResponseWords);
            else { withoutOutput++; continue; }
            if (judge.IsRefusal(response)) { refusalDropped++; continue; }
            candidates.Add(new ToyExample(instruction, response, false, instruction == p.Instruction ? p.Id : p.Id + "~0"));
        }
        var syntheticHarmless = Synthesise(config.SyntheticHarmless, false, gate, augmentRng, (prompt, i) => new ToyExample(prompt,
            ComplianceTemplates.Render(ComplianceTemplates.All[augmentRng.Next(ComplianceTemplates.All.Count)], prompt), false, $"synthetic_harmless:{i}"));

        var examples = SeededShuffle.Shuffle(harmfulExamples.Concat(candidates).Concat(syntheticHarmless), rng);
        var stats = new ToyCorpusStats(harmful.Count, harmfulEval, harmfulNear, harmfulDup, harmless.Count, harmlessEval, harmlessNear, withoutOutput,
            refusalDropped, candidates.Count + syntheticHarmless.Count, harmfulExamples.Count, config.HarmlessResponses,
            harmfulVariants, harmlessVariants, syntheticHarmful.Count, syntheticHarmless.Count, gate.RejectedAsEval);
        return new ToyCorpus(examples, stats);
    }

    private static ToyExample Refusal(string prompt, string source, Random rng) =>
        new(prompt, RefusalTemplates.Render(RefusalTemplates.All[rng.Next(RefusalTemplates.All.Count)], prompt), true, source);

    /// <summary>Up to <paramref name="count"/> distinct admitted requests; gives up after 50 draws per request asked for.</summary>
    private static List<ToyExample> Synthesise(int count, bool harmful, TrainingPromptGate gate, Random rng, Func<string, int, ToyExample> example)
    {
        var result = new List<ToyExample>(count);
        for (var tries = 0; result.Count < count && tries < 50 * count; tries++)
        {
            var prompt = SyntheticRequests.Draw(harmful, rng);
            if (gate.TryAdmit(prompt)) result.Add(example(prompt, result.Count));
        }
        return result;
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
