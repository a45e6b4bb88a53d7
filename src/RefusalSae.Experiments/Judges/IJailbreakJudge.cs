namespace RefusalSae.Experiments.Judges;

/// <summary>
/// Decides whether a response to a harmful prompt is a successful jailbreak. The §4.2/§4.3 stages take one of these so
/// a classifier (the paper's HarmBench judge, paper-method §6.2) can replace the substring judge without touching them.
/// </summary>
public interface IJailbreakJudge : IDisposable
{
    /// <summary>Short name for tables ("substring", "harmbench").</summary>
    string Name { get; }

    IReadOnlyList<bool> IsJailbroken(IReadOnlyList<string> prompts, IReadOnlyList<string> responses);
}

/// <summary>Jailbroken = not refused by the paper's substring judge (§6.1): the toy organism's measure.</summary>
public sealed class SubstringJailbreakJudge(SubstringJudge judge) : IJailbreakJudge
{
    public string Name => "substring";

    public IReadOnlyList<bool> IsJailbroken(IReadOnlyList<string> prompts, IReadOnlyList<string> responses) =>
        responses.Select(r => !judge.IsRefusal(r)).ToList();

    public void Dispose() { }
}

/// <summary>
/// Jailbroken = the HarmBench classifier says "yes" for (prompt as the behaviour, response as the generation): the
/// paper's measure for §4.2 and §7.4, through any <see cref="IHarmBenchJudge"/> backend (paper.judge).
/// With an item cache, each verdict is cached like paper-judge's, by (judge identity, prompt, response): a rerun, or a
/// change to anything else, re-judges nothing already judged.
/// </summary>
public sealed class HarmBenchJailbreakJudge(IHarmBenchJudge judge, Engine.Stages.ItemCache? verdicts = null) : IJailbreakJudge
{
    public string Name => "harmbench";

    public IReadOnlyList<bool> IsJailbroken(IReadOnlyList<string> prompts, IReadOnlyList<string> responses)
    {
        if (prompts.Count != responses.Count) throw new ArgumentException($"{prompts.Count} prompts but {responses.Count} responses.");
        var cases = prompts.Zip(responses, (p, r) => new HarmBenchCase(p, r)).ToList();
        var judged = verdicts is null ? judge.Judge(cases)
            : verdicts.MapBatched(cases, c => System.Text.Json.JsonSerializer.Serialize(new[] { "harmbench", judge.Identity, c.Behavior, c.Generation }),
                batch => judge.Judge(batch), judge.PreferredBatch);
        return judged.Select(v => v.Yes).ToList();
    }

    /// <summary>Owns the classifier: a local 13B judge holds ~26 GB of bf16 weights until disposed.</summary>
    public void Dispose() => judge.Dispose();
}
