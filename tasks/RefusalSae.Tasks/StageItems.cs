using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using RefusalSae.Engine.Building;

namespace RefusalSae.Tasks;

/// <summary>
/// A stage's result as an MSBuild item (what `Build` returns): Identity = its workspace folder
/// (artifacts/&lt;experiment&gt;/&lt;stage&gt;/), metadata Stage, Status, Reason, Key, OutputHash, DataHash, CacheDir, Seconds,
/// ItemsComputed, ItemsCached.
/// </summary>
internal static class StageItems
{
    public static ITaskItem From(BuildOptions options, StageBuild build)
    {
        var o = build.Outcome;
        var item = new TaskItem(Path.Combine(options.ExperimentDir, o.Name) + Path.DirectorySeparatorChar);
        item.SetMetadata("Stage", o.Name);
        item.SetMetadata("Status", o.Status);
        item.SetMetadata("Reason", o.Reason);
        item.SetMetadata("Key", o.Key);
        item.SetMetadata("OutputHash", build.OutputHash ?? "");
        item.SetMetadata("DataHash", build.DataHash ?? build.OutputHash ?? "");
        item.SetMetadata("CacheDir", build.OutputDir ?? "");
        item.SetMetadata("Seconds", o.Seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture));
        item.SetMetadata("ItemsComputed", o.ItemsComputed.ToString(System.Globalization.CultureInfo.InvariantCulture));
        item.SetMetadata("ItemsCached", o.ItemsCached.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return item;
    }

    /// <summary>The project instance of one stage: `WorkflowStage` names it; `TargetFramework` only labels it in TerminalLogger.</summary>
    public static ITaskItem Instance(string stage)
    {
        var item = new TaskItem(stage);
        item.SetMetadata("AdditionalProperties", $"WorkflowStage={stage};TargetFramework={stage}");
        return item;
    }
}
