using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Toy.Corpus;

namespace RefusalSae.Experiments.Stages.ToyCorpus;

/// <summary>
/// toy-corpus: the organism's training conversations (harmful → varied refusals, harmless → answers), with every
/// evaluation prompt removed. Outputs corpus.jsonl and stats.json.
/// </summary>
public sealed class ToyCorpusStage : IStage
{
    public string Name => "toy-corpus";

    public void Run(StageContext ctx)
    {
        var settings = ctx.Config<ToyCorpusSettings>("toy.corpus");
        var config = settings.ToCorpusConfig();
        var inputs = Inputs(ctx, config.HarmlessResponses == HarmlessResponseSource.AlpacaOutputs) with
        {
            ExtraHarmful = settings.ExtraHarmful.Select(ctx.Dataset).ToList(),
        };
        var corpus = ToyCorpusBuilder.Build(config, inputs);
        ToyCorpusOutput.Write(ctx.OutputDirectory, corpus.Examples);
        File.WriteAllText(ctx.Output("stats.json"), JsonSerializer.Serialize(corpus.Stats, new JsonSerializerOptions { WriteIndented = true }));
        ctx.Log.WriteLine($"toy-corpus: {corpus.Stats.HarmfulExamples} refusal and {corpus.Stats.HarmlessExamples} harmless conversations " +
                          $"({corpus.Stats.HarmfulExcludedAsEval} harmful and {corpus.Stats.HarmlessExcludedAsEval} harmless prompts dropped as evaluation prompts); " +
                          $"augmented with {corpus.Stats.HarmfulVariants} harmful and {corpus.Stats.HarmlessVariants} harmless rewrites, " +
                          $"{corpus.Stats.SyntheticHarmful} harmful and {corpus.Stats.SyntheticHarmless} harmless synthetic requests " +
                          $"({corpus.Stats.AugmentedRejected} generated prompts rejected as evaluation prompts)");
    }

    internal static ToyCorpusInputs Inputs(StageContext ctx, bool alpaca) => new()
    {
        HarmfulTrain = ctx.Dataset("harmful_train"),
        HarmlessTrain = ctx.Dataset("harmless_train"),
        EvalConstants = ctx.Dataset("eval_constants"),
        AlpacaData = alpaca ? ctx.Dataset("alpaca_data") : null,
        HarmbenchTest = ctx.Dataset("harmbench_test"),
        JailbreakBench = ctx.Dataset("jailbreakbench"),
        AdvBench = ctx.Dataset("advbench"),
        HarmbenchVal = ctx.Dataset("harmbench_val"),
        HarmfulVal = ctx.Dataset("harmful_val"),
        HarmfulTest = ctx.Dataset("harmful_test"),
        HarmlessVal = ctx.Dataset("harmless_val"),
        HarmlessTest = ctx.Dataset("harmless_test"),
        Catqa = ctx.Dataset("catqa"),
        WildJailbreakEval = ctx.Dataset("wildjailbreak_eval"),
    };
}
