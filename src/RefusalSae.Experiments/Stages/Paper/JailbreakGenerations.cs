using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Subject;

namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>
/// One method's greedy generations on one set's prompts (cached per prompt), judged by the substring judge and logged
/// as completions lines: paper-jailbreak's in-sample loop and its held-out half (selection_split) share it, so both key
/// an item the same way: method, clamp, new tokens, what the method changes on that prompt, and the rendered prompt.
/// </summary>
public static class JailbreakGenerations
{
    /// <param name="intervention">the key part naming what the method changes on a prompt (its features, or the direction's hash)</param>
    /// <param name="install">the method's hooks for one batch of prompts (null: none)</param>
    /// <returns>the refusal rate over <paramref name="prompts"/>.</returns>
    public static double Run(StageContext ctx, PaperSubject paper, JailbreakMethod method, string set, IReadOnlyList<string> prompts,
        Func<string, string> intervention, Func<IReadOnlyList<string>, IDisposable?> install, SubstringJudge judge,
        PaperJailbreakSettings s, ProgressReporter progress, TextWriter completions)
    {
        var responses = ctx.Items.MapBatched(prompts, p => $"{method.Name}\n{s.Clamp}\n{s.MaxNewTokens}\n{intervention(p)}\n{paper.Chat.Render(p)}", batch =>
        {
            using var hook = install(batch);
            return paper.Generation.Complete(batch, s.MaxNewTokens);
        }, s.BatchSize, progress, ctx.Cancellation);
        var refused = responses.Select(judge.IsRefusal).ToList();
        for (var i = 0; i < responses.Count; i++)
            completions.WriteLine(JsonSerializer.Serialize(new { set, method = method.Name, prompt = prompts[i], response = responses[i], refused = refused[i] }));
        return refused.Count(r => r) / (double)Math.Max(1, refused.Count);
    }
}
