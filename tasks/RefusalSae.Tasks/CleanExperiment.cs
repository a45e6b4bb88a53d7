using Microsoft.Build.Framework;
using RefusalSae.Engine.Building;

namespace RefusalSae.Tasks;

/// <summary>`-t:Clean`: removes the experiment's workspace (artifacts/&lt;experiment&gt;/), never the cache.</summary>
public sealed class CleanExperiment : ExperimentTask
{
    protected override void ExecuteCore()
    {
        var options = Options();
        var removed = Workspace.Clean(options);
        Log.LogMessage(MessageImportance.High, removed
            ? $"experiment '{Experiment}': removed {options.ExperimentDir} (the cache {options.Cache} is kept)"
            : $"experiment '{Experiment}': nothing to clean at {options.ExperimentDir}");
    }
}
