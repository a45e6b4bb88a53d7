using Microsoft.Build.Framework;
using RefusalSae.Engine;

namespace RefusalSae.Tasks;

/// <summary>
/// In a stage's project instance: its upstream stages (config-dependent entries such as
/// `${paper.subject.model_stage}` resolved against this build's config) as the instances to build first, and whether
/// the plan expects the stage to run (then its instance turns on TerminalLogger's live display).
/// </summary>
public sealed class ResolveStage : ExperimentTask
{
    [Required] public string Stage { get; set; } = "";

    [Output] public ITaskItem[] Upstream { get; private set; } = [];
    [Output] public bool ExpectsRun { get; private set; }

    protected override void ExecuteCore()
    {
        var options = Options();
        var plan = Plan(options);
        if (!plan.Pipeline.ByName.TryGetValue(Stage, out var stage))
            throw new WorkflowException("RSW017", $"unknown stage '{Stage}' (not declared in experiments/pipeline.yaml)");
        Upstream = stage.Upstream.Select(StageItems.Instance).ToArray();
        ExpectsRun = options.IsForced(Stage) || PlanFile.ExpectsRun(options, Id, Stage);
    }
}
