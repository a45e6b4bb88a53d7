using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Paper.Subject;

namespace RefusalSae.Experiments.Stages.SideEffects.Alpaca;

/// <summary>
/// paper-rollouts (paper-method §6.6): the base model's greedy answers to the Alpaca prompts (no hook), cached per
/// prompt; the on-policy text the Alpaca CE is measured on. Output rollouts.jsonl ({"prompt", "response"} per line).
/// </summary>
public sealed class RolloutsStage : IStage
{
    public string Name => "paper-rollouts";

    public void Run(StageContext ctx)
    {
        var s = ctx.Config<RolloutSettings>("paper.rollouts");
        var prompts = AlpacaPrompts.Load(ctx, ctx.Config<AlpacaSettings>("paper.alpaca").SampleValSize, s.Prompts);
        using var paper = PaperSubject.Load(ctx, withSaes: false);
        var responses = ctx.Items.MapBatched(prompts, p => $"rollout\n{s.MaxNewTokens}\n{paper.Chat.Render(p)}",
            batch => paper.Generation.Complete(batch, s.MaxNewTokens), s.BatchSize, ctx.Progress(prompts.Count, "rollouts"), ctx.Cancellation);
        Rollout.Write(ctx.Output(Rollout.File), prompts.Zip(responses, (p, r) => new Rollout(p, r)).ToList());
        ctx.Log.WriteLine($"paper-rollouts: {prompts.Count} rollouts, mean {responses.Average(r => r.Length):F0} characters");
    }
}

/// <summary>One Alpaca prompt and the base model's greedy answer.</summary>
public sealed record Rollout(string Prompt, string Response)
{
    public const string File = "rollouts.jsonl";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Write(string path, IReadOnlyList<Rollout> rollouts) =>
        System.IO.File.WriteAllLines(path, rollouts.Select(r => JsonSerializer.Serialize(r, Json)));

    public static IReadOnlyList<Rollout> Read(string dir)
    {
        var path = Path.Combine(dir, File);
        return [.. System.IO.File.ReadLines(path).Select((line, i) => JsonSerializer.Deserialize<Rollout>(line, Json)
            ?? throw new StageException("RSW364", $"{path}({i + 1}): empty rollout line."))];
    }
}
