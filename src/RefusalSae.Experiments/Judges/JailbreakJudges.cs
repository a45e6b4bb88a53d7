using RefusalSae.Engine.Stages;

namespace RefusalSae.Experiments.Judges;

/// <summary>Chooses the jailbreak judge a §4.2/§4.3 stage names in its config.</summary>
public static class JailbreakJudges
{
    public static IJailbreakJudge Load(StageContext ctx, string name, string key) => name switch
    {
        "substring" => new SubstringJailbreakJudge(SubstringJudge.Load(ctx.Dataset("eval_constants"))),
        "harmbench" => new HarmBenchJailbreakJudge(HarmBench(ctx, key), ctx.Items),   // verdicts cached per item, like paper-judge's
        _ => throw new StageException("RSW373", $"{key} = '{name}': no such jailbreak judge (available: substring, harmbench)."),
    };

    /// <summary>The HarmBench classifier configured under paper.judge (backend local or openai).</summary>
    private static IHarmBenchJudge HarmBench(StageContext ctx, string key)
    {
        try
        {
            return HarmBenchJudges.Create(ctx.Config<HarmBenchJudgeSettings>(HarmBenchJudgeSettings.Prefix), ctx.Dataset("harmbench_cls_prompt"))
                ?? throw new StageException("RSW375", $"{key} = 'harmbench' needs paper.judge.backend local or openai (it is none).");
        }
        catch (HarmBenchJudgeException e) { throw new StageException("RSW369", e.Message); }
    }
}
