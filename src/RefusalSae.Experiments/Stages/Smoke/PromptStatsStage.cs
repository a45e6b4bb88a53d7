using System.Globalization;
using System.Text;
using System.Text.Json;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Experiments.Stages.Smoke;

/// <summary>
/// Smoke stage: characters and words of the first <c>limit</c> prompts of a refusal-direction JSON dataset, one
/// item per prompt through the engine's item cache. Output: prompt_stats.jsonl, in dataset order.
/// </summary>
public sealed class PromptStatsStage : IStage
{
    public string Name => "prompt-stats";

    public void Run(StageContext ctx)
    {
        var cfg = ctx.Config<PromptStatsConfig>("smoke.prompts");
        if (cfg.Limit < 0) throw new StageException("RSW310", $"smoke.prompts.limit must be ≥ 0, got {cfg.Limit}");
        var prompts = ReadInstructions(ctx.Dataset(cfg.Dataset)).Take(cfg.Limit).ToList();
        var stats = ctx.Items.Map(prompts,
            p => $"{(cfg.Lowercase ? "lower" : "asis")}\n{p}",
            p => Measure(p, cfg.Lowercase),
            ctx.Progress(prompts.Count, "prompts"), ctx.Cancellation);
        var sb = new StringBuilder();
        foreach (var s in stats) sb.Append(JsonSerializer.Serialize(s)).Append('\n');
        File.WriteAllText(ctx.Output("prompt_stats.jsonl"), sb.ToString());
    }

    internal static PromptStats Measure(string prompt, bool lowercase)
    {
        var text = lowercase ? prompt.ToLower(CultureInfo.InvariantCulture) : prompt;
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        return new PromptStats(text, text.Length, words);
    }

    private static IEnumerable<string> ReadInstructions(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
            throw new StageException("RSW311", $"{path}: expected a JSON array of {{\"instruction\": ...}} objects");
        var i = 0;
        foreach (var row in doc.RootElement.EnumerateArray())
        {
            if (!row.TryGetProperty("instruction", out var ins) || ins.ValueKind != JsonValueKind.String)
                throw new StageException("RSW311", $"{path}: row {i} has no string \"instruction\"");
            i++;
            yield return ins.GetString()!;
        }
    }
}
