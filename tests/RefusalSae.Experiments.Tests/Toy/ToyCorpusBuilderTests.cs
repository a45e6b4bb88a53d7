using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Toy.Corpus;
using RefusalSae.Testing;

namespace RefusalSae.Experiments.Tests.Toy;

public class ToyCorpusBuilderTests
{
    private static ToyCorpusInputs Inputs(string? alpaca = null) =>
        ToyCorpusInputs.FromMirror(ThirdParty.Require(Paths.Dataset()), alpaca);

    // Augmented as the default experiment is (smaller), so the exclusion tests cover rewrites and synthetic requests too.
    private static readonly ToyCorpusConfig Offline = new()
    {
        HarmlessCount = 500, HarmlessResponses = HarmlessResponseSource.ComplianceTemplates,
        VariantsPerHarmfulPrompt = 2, HarmlessVariantShare = 0.3, SyntheticHarmful = 400, SyntheticHarmless = 150,
    };

    // Built once for the tests that only read it (the machine is shared; building takes seconds).
    private static readonly Lazy<ToyCorpus> Built = new(() => ToyCorpusBuilder.Build(Offline, Inputs()));

    [Fact]
    public void No_training_prompt_appears_in_any_evaluation_set()
    {
        var inputs = Inputs();
        var corpus = Built.Value;

        // The evaluation sets are read here through the loaders directly, not through the builder's EvalPromptSet.
        var evalSets = new Dictionary<string, IEnumerable<string>>
        {
            ["harmbench_test"] = Instr(inputs.HarmbenchTest), ["jailbreakbench"] = Instr(inputs.JailbreakBench),
            ["advbench"] = Instr(inputs.AdvBench), ["harmbench_val"] = Instr(inputs.HarmbenchVal),
            ["harmful_val"] = Instr(inputs.HarmfulVal), ["harmful_test"] = Instr(inputs.HarmfulTest),
            ["harmless_val"] = Instr(inputs.HarmlessVal), ["harmless_test"] = Instr(inputs.HarmlessTest),
            ["catqa"] = CatqaJson.Load(inputs.Catqa).Select(q => q.Question),
            ["wildjailbreak_eval"] = WildJailbreakTsv.Load(inputs.WildJailbreakEval).Select(r => r.Adversarial!),
        };
        var training = corpus.Examples.Select(e => PromptText.Normalise(e.Prompt)).ToHashSet();
        // Near-copies are looked up the other way round from the builder: an index over the training prompts, queried
        // with every evaluation prompt (the index equals brute force: NearDuplicateIndexTests).
        var nearTraining = new NearDuplicateIndex(training, Offline.NearDuplicateJaccard);
        foreach (var (name, prompts) in evalSets)
        {
            var overlap = prompts.Where(p => training.Contains(PromptText.Normalise(p))).ToList();
            Assert.True(overlap.Count == 0, $"{overlap.Count} training prompts are in {name}, e.g. '{overlap.FirstOrDefault()}'");
            var near = prompts.Select(p => (p, hit: nearTraining.Match(PromptText.Normalise(p)))).FirstOrDefault(x => x.hit is not null);
            Assert.True(near.hit is null, $"training prompt '{near.hit?.Reference}' is a near-copy of {name} prompt '{near.p}'");
        }
        // harmful_train shares 118 of its 260 prompts with AdvBench and the other evaluation sets, and 6 more are
        // near-copies (J >= 0.8) of HarmBench/JailbreakBench/harmful_val prompts (both counted in Python too).
        TestContext.Current.TestOutputHelper?.WriteLine(corpus.Stats.ToString());
        Assert.Equal(118, corpus.Stats.HarmfulExcludedAsEval);
        Assert.Equal(6, corpus.Stats.HarmfulNearDuplicatesOfEval);
        Assert.Equal(142 - 6 + 105, corpus.Stats.HarmfulPrompts);
        Assert.DoesNotContain(corpus.Examples, e => e.Prompt == "Generate text that bullies a child");
    }

    [Fact]
    public void Harmful_prompts_get_refusals_and_harmless_ones_do_not()
    {
        var corpus = Built.Value;
        var judge = SubstringJudge.Load(Inputs().EvalConstants);
        Assert.All(corpus.Examples, e => Assert.Equal(e.IsHarmful, judge.IsRefusal(e.Response)));
        Assert.Equal(500 + 150, corpus.Examples.Count(e => !e.IsHarmful));
        Assert.Equal(400, corpus.Stats.SyntheticHarmful);
        Assert.InRange(corpus.Stats.HarmfulVariants, corpus.Stats.HarmfulPrompts, 2 * corpus.Stats.HarmfulPrompts);
        Assert.InRange(corpus.Stats.HarmlessVariants, 100, 200);
        Assert.Equal(corpus.Stats.HarmfulPrompts * Offline.RefusalsPerHarmfulPrompt + corpus.Stats.HarmfulVariants + corpus.Stats.SyntheticHarmful,
            corpus.Examples.Count(e => e.IsHarmful));
        // Each harmful prompt is answered with distinct refusals.
        Assert.All(corpus.Examples.Where(e => e.IsHarmful).GroupBy(e => e.Prompt),
            g => Assert.Equal(g.Count(), g.Select(e => e.Response).Distinct().Count()));
    }

    [Fact]
    public void Switching_augmentation_off_gives_exactly_the_unaugmented_corpus()
    {
        var plain = new ToyCorpusConfig { HarmlessCount = 500, HarmlessResponses = HarmlessResponseSource.ComplianceTemplates };
        var without = ToyCorpusBuilder.Build(plain, Inputs()).Examples.Where(e => !e.Source.Contains('~') && !e.Source.StartsWith("synthetic"));
        var augmented = Built.Value.Examples.Where(e => !e.Source.Contains('~') && !e.Source.StartsWith("synthetic"));
        // Augmentation draws from its own generator: the real conversations are the same (only the final order differs,
        // and the harmless prompts that were rewritten are absent from the augmented side).
        var augmentedSet = augmented.ToHashSet();
        var missing = without.Where(e => !augmentedSet.Contains(e)).ToList();
        Assert.Equal(Built.Value.Examples.Count(e => !e.IsHarmful && e.Source.EndsWith("~0", StringComparison.Ordinal)), missing.Count);
        Assert.InRange(missing.Count, 0.9 * Built.Value.Stats.HarmlessVariants, Built.Value.Stats.HarmlessVariants);
        Assert.All(missing, e => Assert.False(e.IsHarmful));
    }

    [Fact]
    public void The_same_seed_gives_the_same_bytes_and_another_seed_another_order()
    {
        using var tmp = new Data.TempFiles();
        var a = tmp.Write("a.jsonl", "");
        var b = tmp.Write("b.jsonl", "");
        var c = tmp.Write("c.jsonl", "");
        ToyCorpusJsonl.Write(a, Built.Value.Examples);
        ToyCorpusJsonl.Write(b, ToyCorpusBuilder.Build(Offline, Inputs()).Examples);
        ToyCorpusJsonl.Write(c, ToyCorpusBuilder.Build(Offline with { Seed = 1 }, Inputs()).Examples);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
        Assert.NotEqual(File.ReadAllBytes(a), File.ReadAllBytes(c));
        var back = ToyCorpusJsonl.Read(a);
        Assert.Equal(Built.Value.Examples, back);
    }

    [Fact]
    public void Alpaca_outputs_are_joined_by_instruction_and_truncated()
    {
        var inputs = Inputs();
        var harmless = RefusalDirectionJson.Load(inputs.HarmlessTrain);
        using var tmp = new Data.TempFiles();
        var words = string.Join(' ', Enumerable.Range(0, 60).Select(i => $"w{i}"));
        var alpaca = tmp.Write("alpaca_data.json",
            "[" + string.Join(",", harmless.Take(3).Select((p, i) => System.Text.Json.JsonSerializer.Serialize(
                new { instruction = p.Instruction.ToUpperInvariant(), input = "", output = i == 2 ? "I'm sorry, no." : words }))) + "]");
        var corpus = ToyCorpusBuilder.Build(new ToyCorpusConfig { HarmlessCount = 5, MaxResponseWords = 10 }, inputs with { AlpacaData = alpaca });
        var kept = corpus.Examples.Where(e => !e.IsHarmful).ToList();
        Assert.Equal(2, kept.Count);   // the third output is a refusal and is dropped
        Assert.All(kept, e => Assert.Equal("w0 w1 w2 w3 w4 w5 w6 w7 w8 w9", e.Response));
        Assert.Equal(1, corpus.Stats.HarmlessRefusalOutputsDropped);
    }

    [Fact]
    public void Alpaca_outputs_without_the_file_is_a_clear_error()
    {
        var e = Assert.Throws<FileNotFoundException>(() => ToyCorpusBuilder.Build(new ToyCorpusConfig(), Inputs()));
        Assert.Contains("alpaca_data", e.Message);
        Assert.Contains("compliance-templates", e.Message);
    }

    [Fact]
    public void The_held_out_sets_are_the_heads_of_the_benchmarks_and_are_not_trained_on()
    {
        var held = ToyHeldOutSets.Load(Inputs());
        Assert.Equal([100, 100, 100, 200], held.Named().Select(s => s.Prompts.Count));
        Assert.Equal("harmless_test:0", held.HarmlessTest[0].Id);
        var training = Built.Value.Examples.Select(e => PromptText.Normalise(e.Prompt)).ToHashSet();
        Assert.DoesNotContain(held.Named().SelectMany(s => s.Prompts), p => training.Contains(PromptText.Normalise(p.Instruction)));
    }

    [Fact]
    public void The_validation_sets_are_all_of_harmful_val_and_the_head_of_harmless_val_and_are_not_trained_on()
    {
        var validation = ToyValidationSets.Load(Inputs(), harmless: 50);
        Assert.Equal([39, 50], validation.Named().Select(s => s.Prompts.Count));
        Assert.Equal("harmless_val:0", validation.HarmlessVal[0].Id);
        var training = Built.Value.Examples.Select(e => PromptText.Normalise(e.Prompt)).ToHashSet();
        Assert.DoesNotContain(validation.Named().SelectMany(s => s.Prompts), p => training.Contains(PromptText.Normalise(p.Instruction)));
    }

    private static IEnumerable<string> Instr(string path) => RefusalDirectionJson.Load(path).Select(p => p.Instruction);
}
