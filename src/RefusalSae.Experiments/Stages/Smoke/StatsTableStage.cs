using System.Globalization;
using System.Text;
using System.Text.Json;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Experiments.Stages.Smoke;

/// <summary>
/// Smoke stage: aggregates prompt-stats into stats.md (Markdown), stats.csv and stats.json (count, mean/min/max
/// characters and words; the JSON is what a sweep's comparison reads).
/// </summary>
public sealed class StatsTableStage : IStage
{
    public string Name => "stats-table";

    public void Run(StageContext ctx)
    {
        var cfg = ctx.Config<StatsTableConfig>("smoke.table");
        if (cfg.Decimals is < 0 or > 10) throw new StageException("RSW312", $"smoke.table.decimals must be 0..10, got {cfg.Decimals}");
        var path = Path.Combine(ctx.Upstream("prompt-stats"), "prompt_stats.jsonl");
        var rows = File.ReadLines(path).Where(l => l.Length > 0)
            .Select((l, i) => JsonSerializer.Deserialize<PromptStats>(l) ?? throw new StageException("RSW313", $"{path}: line {i + 1} is empty"))
            .ToList();
        var f = "F" + cfg.Decimals.ToString(CultureInfo.InvariantCulture);
        string Num(double v) => v.ToString(f, CultureInfo.InvariantCulture);
        (string Mean, int Min, int Max) Agg(Func<PromptStats, int> sel) =>
            rows.Count == 0 ? ("", 0, 0) : (Num(rows.Average(sel)), rows.Min(sel), rows.Max(sel));
        var (cm, cmin, cmax) = Agg(r => r.Characters);
        var (wm, wmin, wmax) = Agg(r => r.Words);

        static string Or0(string mean) => mean.Length == 0 ? "null" : mean;
        var md = new StringBuilder()
            .Append($"# {cfg.Title}\n\n{rows.Count} prompts.\n\n")
            .Append("| measure | mean | min | max |\n|---|---:|---:|---:|\n")
            .Append($"| characters | {cm} | {cmin} | {cmax} |\n| words | {wm} | {wmin} | {wmax} |\n");
        File.WriteAllText(ctx.Output("stats.md"), md.ToString());
        File.WriteAllText(ctx.Output("stats.csv"),
            $"measure,count,mean,min,max\ncharacters,{rows.Count},{cm},{cmin},{cmax}\nwords,{rows.Count},{wm},{wmin},{wmax}\n");
        File.WriteAllText(ctx.Output("stats.json"),
            $"{{\"count\": {rows.Count}, \"measures\": {{\"characters\": {{\"mean\": {Or0(cm)}, \"min\": {cmin}, \"max\": {cmax}}}, " +
            $"\"words\": {{\"mean\": {Or0(wm)}, \"min\": {wmin}, \"max\": {wmax}}}}}}}\n");
    }
}
