using System.Text.Json;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Experiments.Stages.SideEffects;

/// <summary>
/// One side-effect benchmark's result (CE Alpaca, CE Pile, GSM8K, ARC): per method the mean over the harmful sets and
/// each set's value (Base has one value, under the key "–"); or why it was not run. Written as JSON by the stages
/// that measure it, read by paper-side-effects.
/// </summary>
public sealed record CapabilityResult
{
    public required string Benchmark { get; init; }
    /// <summary>Null when the benchmark ran; otherwise the reason, printed in the table.</summary>
    public string? NotRun { get; init; }
    public IReadOnlyDictionary<string, double> Mean { get; init; } = new Dictionary<string, double>();
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>> PerSet { get; init; } = new Dictionary<string, IReadOnlyDictionary<string, double>>();
    /// <summary>How it was measured (sizes, switches, substitutions), for the table's notes.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Averages per-(method, set) values: a method's mean is over its sets.</summary>
    public static CapabilityResult From(string benchmark, IReadOnlyDictionary<(string Method, string Set), double> values, IReadOnlyList<string> notes)
    {
        var perSet = values.GroupBy(p => p.Key.Method).ToDictionary(g => g.Key,
            g => (IReadOnlyDictionary<string, double>)g.ToDictionary(p => p.Key.Set, p => p.Value));
        return new CapabilityResult
        {
            Benchmark = benchmark, PerSet = perSet, Notes = notes,
            Mean = perSet.ToDictionary(p => p.Key, p => p.Value.Values.Average()),
        };
    }

    /// <summary>The file a measuring stage writes its results to: paper-ce → ce.json, paper-gsm8k → gsm8k.json, paper-arc → arc.json.</summary>
    public static string FileOf(string stage) => (stage.StartsWith("paper-", StringComparison.Ordinal) ? stage["paper-".Length..] : stage) + ".json";

    /// <summary>The measuring stage's output contract: its results in its own output folder.</summary>
    public static void Write(StageContext ctx, IReadOnlyList<CapabilityResult> results) =>
        File.WriteAllText(ctx.Output(FileOf(ctx.Stage)), JsonSerializer.Serialize(results, Json));

    /// <summary>What the upstream measuring stage <paramref name="stage"/> wrote.</summary>
    public static IReadOnlyList<CapabilityResult> Read(StageContext ctx, string stage)
    {
        var path = Path.Combine(ctx.Upstream(stage), FileOf(stage));
        return JsonSerializer.Deserialize<List<CapabilityResult>>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path}: empty.");
    }
}
