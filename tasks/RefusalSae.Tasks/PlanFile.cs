using System.Text.Json;
using RefusalSae.Engine;
using RefusalSae.Engine.Building;

namespace RefusalSae.Tasks;

/// <summary>
/// artifacts/&lt;experiment&gt;/.build/plan.json: the stages the plan of build BuildId expects to run, so a stage's
/// instance knows before it starts whether it will show live progress (TerminalLogger's test-run display).
/// </summary>
internal static class PlanFile
{
    private sealed record Plan(string BuildId, IReadOnlyList<string> Planned, IReadOnlyList<string> Stale);

    private static string PathOf(BuildOptions options) => Path.Combine(options.ExperimentDir, ".build", "plan.json");

    public static void Write(BuildOptions options, string buildId, IReadOnlyList<string> planned, IReadOnlyList<string> stale)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(options))!);
        AtomicFile.WriteAllText(PathOf(options), JsonSerializer.Serialize(new Plan(buildId, planned, stale), Json.Options));
    }

    /// <summary>True when the plan expects <paramref name="stage"/> to run, or has no word on it (no plan of this build, or a stage outside it).</summary>
    public static bool ExpectsRun(BuildOptions options, string buildId, string stage)
    {
        try
        {
            var plan = File.Exists(PathOf(options)) ? JsonSerializer.Deserialize<Plan>(File.ReadAllText(PathOf(options)), Json.Options) : null;
            return plan?.BuildId != buildId || !plan.Planned.Contains(stage) || plan.Stale.Contains(stage);
        }
        catch (JsonException) { return true; }
    }
}
