using System.Text.Json.Nodes;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Sweeps;

namespace RefusalSae.Experiments.Sweeps;

/// <summary>What one point left in its workspace: its compared JSON (null when absent), and its last-run and state files.</summary>
public sealed record PointResult(SweepPoint Point, string Workspace, JsonNode? Document, JsonNode? LastRun, JsonNode? State)
{
    /// <summary>"ok" when the compared file exists and every stage of the last run succeeded; otherwise why not.</summary>
    public string Status =>
        LastRun is null ? "not built"
        : LastRun["stages"] is JsonArray stages && stages.Any(s => s?["status"]?.GetValue<string>() == "failed") ? "failed"
        : Document is null ? "missing output" : "ok";
}

/// <summary>Reads a sweep's spec and every point's workspace (artifacts/EXPERIMENT/points/ID/): the inputs of the comparison.</summary>
public sealed record SweepInputs(string Experiment, SweepSpec Spec, IReadOnlyList<PointResult> Points)
{
    public static string PointsDir(string artifacts, string experiment) => Path.Combine(artifacts, experiment, "points");

    public static SweepInputs Read(string repoRoot, string artifacts, string experiment)
    {
        var schema = ConfigSchema.Load(Path.Combine(repoRoot, "experiments", "defaults.yaml"), "experiments/defaults.yaml");
        var spec = SweepSpec.Load(repoRoot, experiment, schema)
            ?? throw new InvalidOperationException($"experiments/{experiment}.yaml has no sweep: block");
        var points = spec.Points().Select(p =>
        {
            var dir = Path.Combine(PointsDir(artifacts, experiment), p.Id);
            var doc = spec.Compare is { } c ? ReadJson(Path.Combine(dir, c.Stage, c.File)) : null;
            return new PointResult(p, dir, doc, ReadJson(Path.Combine(dir, "last-run.json")), ReadJson(Path.Combine(dir, "state.json")));
        }).ToList();
        return new SweepInputs(experiment, spec, points);
    }

    private static JsonNode? ReadJson(string path) => File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path)) : null;
}
