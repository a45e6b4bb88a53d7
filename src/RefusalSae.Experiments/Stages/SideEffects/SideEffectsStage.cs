using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Stages.SideEffects;

/// <summary>
/// paper-side-effects (paper-method §6.8): the side-effects table, rows Base, AS, CosSim, ActDiff, AP, Ours and columns
/// Alpaca CE, Pile CE, GSM8K, ARC (each a mean over the harmful sets), from paper-ce, paper-gsm8k and paper-arc; the
/// paper's numbers beside ours where the spec has them. Outputs side_effects.{md,csv} and metrics.json.
/// </summary>
public sealed class SideEffectsStage : IStage
{
    public string Name => "paper-side-effects";

    private static readonly (string Benchmark, string Header, int Decimals)[] Columns =
        [("alpaca_ce", "Alpaca CE", 3), ("pile_ce", "Pile CE", 3), ("gsm8k", "GSM8K acc", 3), ("arc", "ARC acc", 3)];

    public void Run(StageContext ctx)
    {
        var paperModel = ctx.Config<string>("paper.jailbreak.paper_model");
        var results = CapabilityResult.Read(ctx, "paper-ce")
            .Concat(CapabilityResult.Read(ctx, "paper-gsm8k"))
            .Concat(CapabilityResult.Read(ctx, "paper-arc"))
            .ToDictionary(r => r.Benchmark);
        var table = Build(results, SideEffectPaperNumbers.Capability.GetValueOrDefault(paperModel), paperModel);
        TableWriter.Write(table, ctx.OutputDirectory, "side_effects");
        File.WriteAllText(ctx.Output("metrics.json"), JsonSerializer.Serialize(results.Values, new JsonSerializerOptions { WriteIndented = true }));
        foreach (var row in table.Rows) ctx.Log.WriteLine("paper-side-effects: " + string.Join(" | ", row));
    }

    public static Table Build(IReadOnlyDictionary<string, CapabilityResult> results,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? paper, string paperModel)
    {
        var header = new List<string> { "method" };
        foreach (var (benchmark, name, _) in Columns)
        {
            header.Add(name);
            if (paper is not null) header.Add($"paper {name}");
        }
        var rows = SideEffectMethod.All.Select(method =>
        {
            var row = new List<string> { method.Name };
            foreach (var (benchmark, _, decimals) in Columns)
            {
                var r = results.GetValueOrDefault(benchmark);
                row.Add(r is null ? "missing" : r.NotRun is not null ? "not run" : r.Mean.TryGetValue(method.Name, out var v) ? Table.Cell(v, decimals) : "");
                if (paper is not null)
                    row.Add(paper.TryGetValue(benchmark, out var p) && p.TryGetValue(method.Name, out var pv) ? Table.Cell(pv, decimals) : "");
            }
            return (IReadOnlyList<string>)row;
        }).ToList();
        var notes = new List<string>
        {
            "AS = direction ablation at every layer; CosSim, ActDiff (dataset sets) and AP, Ours (global sets) multiply their features; each value is the mean over the harmful sets (per-set values in metrics.json).",
        };
        foreach (var (benchmark, name, _) in Columns)
            if (results.GetValueOrDefault(benchmark) is { } r)
                notes.AddRange(r.NotRun is not null ? [$"{name} not run: {r.NotRun}."] : r.Notes);
        notes.Add(paper is null ? "Not a paper configuration: the paper's numbers are not shown."
            : $"Paper = {paperModel} (paper-method §6.6–6.7, [nb]): Base Alpaca/Pile CE and the ARC row; GSM8K was not saved.");
        return new Table("§4.1 side effects: CE loss and capability under each intervention", header, rows) { Notes = notes };
    }
}
