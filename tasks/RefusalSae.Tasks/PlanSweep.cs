using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Stages;
using RefusalSae.Engine.Sweeps;

namespace RefusalSae.Tasks;

/// <summary>
/// Reads the `sweep:` block of experiments/EXPERIMENT.yaml (strictly: a malformed sweep is a located error before any
/// point builds) and returns one item per point: Identity = the point's id, metadata Set = its overrides as `-p:Set`
/// entries. No sweep block → no items, and the experiment builds as a single run.
/// </summary>
public sealed class PlanSweep : WorkflowTask
{
    [Required] public string RepoRoot { get; set; } = "";
    [Required] public string Experiment { get; set; } = "";
    /// <summary>`-p:SlurmShards`, checked here so that a malformed value (RSW090) stops the build before any point.</summary>
    public string? SlurmShards { get; set; }

    [Output] public ITaskItem[] Points { get; private set; } = [];

    protected override void ExecuteCore()
    {
        _ = ItemShard.ParseCount(SlurmShards);   // a malformed value stops the build before any point
        var schema = ConfigSchema.Load(Path.Combine(RepoRoot, "experiments", "defaults.yaml"), "experiments/defaults.yaml");
        if (SweepSpec.Load(RepoRoot, Experiment, schema) is not { } spec) return;
        Points = spec.Points().Select(p =>
        {
            var item = new TaskItem(p.Id);
            item.SetMetadata("Set", p.Set);
            return (ITaskItem)item;
        }).ToArray();
        Log.LogMessage(MessageImportance.High, $"sweep '{Experiment}': {Points.Length} points over {string.Join(", ", spec.Axes.Select(a => $"{a.Key} ({a.Values.Count})"))}");
    }
}
