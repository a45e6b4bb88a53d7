using System.Globalization;
using System.Security;
using System.Text;
using RefusalSae.Engine.Pipeline;

namespace RefusalSae.Engine.Building;

/// <summary>
/// Generates tasks/RefusalSae.Tasks/build/RefusalSae.Stages.g.targets from experiments/pipeline.yaml: one MSBuild
/// target per declared stage (so `-t:&lt;stage&gt;` works and a new stage needs no hand-written target) with a
/// `&lt;Name&gt;DependsOn` property, e.g. `PaperFeaturesDependsOn`. The build rewrites the file only when it differs
/// (a test keeps the committed copy current). Every target does the same thing: in the experiment's project it builds
/// the stage's own project instance (global properties WorkflowStage and, for TerminalLogger's display,
/// TargetFramework = the stage), and in that instance it builds the upstream instances in parallel, then runs the
/// stage through the RunStage task (RefusalSae.Workflow.targets).
/// </summary>
public static class StageTargets
{
    public const string RelativePath = "tasks/RefusalSae.Tasks/build/RefusalSae.Stages.g.targets";

    /// <summary>`paper-features` → `PaperFeaturesDependsOn`.</summary>
    public static string DependsOnProperty(string stage) =>
        string.Concat(stage.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => char.ToUpper(p[0], CultureInfo.InvariantCulture) + p[1..])) + "DependsOn";

    /// <summary>The parameters every workflow task takes (RefusalSae.Tasks.ExperimentTask), from the workflow's properties.</summary>
    public const string CommonParameters =
        "RepoRoot=\"$(RepoRoot)\" Experiment=\"$(Experiment)\" Set=\"$(Set)\" ArtifactsRoot=\"$(ArtifactsRoot)\" CacheRoot=\"$(WorkflowCacheRoot)\" " +
        "SharedCacheRoot=\"$(WorkflowSharedCache)\" SharedCacheWrite=\"$(WorkflowSharedCacheWrite)\" CacheUniverse=\"$(WorkflowCacheUniverse)\" " +
        "Force=\"$(Force)\" StageThreads=\"$(WorkflowStageThreads)\" CpuSlots=\"$(WorkflowCpuSlots)\" BuildId=\"$(_WorkflowBuildId)\" " +
        "SweepPoint=\"$(SweepPoint)\" RestoreOnly=\"$(WorkflowRestoreOnly)\" WorkerDirectory=\"$(_WorkerDirectory)\" ItemShard=\"$(ItemShard)\"";

    public static string Generate(PipelineDeclaration pipeline)
    {
        var sb = new StringBuilder();
        sb.Append("""
            <Project>
              <!--
                GENERATED from experiments/pipeline.yaml by the build (RefusalSae.Engine.Building.StageTargets); do not edit.
                One target per stage. Hook a stage with BeforeTargets/AfterTargets="<stage>" in a .targets file named by
                $(WorkflowCustomTargets) or placed as experiments/*.workflow.targets, or add targets to <Name>DependsOn.
              -->

            """);
        sb.Append("  <PropertyGroup>\n");
        sb.Append($"    <WorkflowStageNames>{string.Join(';', pipeline.Stages.Select(s => s.Name))}</WorkflowStageNames>\n");
        foreach (var s in pipeline.Stages)
        {
            var p = DependsOnProperty(s.Name);
            sb.Append($"    <{p}>$({p})</{p}>\n");
        }
        sb.Append("  </PropertyGroup>\n");
        foreach (var s in pipeline.Stages)
        {
            var name = SecurityElement.Escape(s.Name);
            var description = SecurityElement.Escape(s.Description).Replace("--", "- -", StringComparison.Ordinal);
            sb.Append($"""

                  <!-- {name}: {description} -->
                  <Target Name="{name}" DependsOnTargets="_WorkflowStagePrepare;$({DependsOnProperty(s.Name)})" Returns="@(WorkflowStageResult)">
                    <MSBuild Condition="'$(WorkflowStage)' == ''" Projects="$(MSBuildProjectFullPath)" Targets="_WorkflowStageEntry"
                             Properties="WorkflowStage={name};TargetFramework={name};_WorkflowBuildId=$(_WorkflowBuildId)" ContinueOnError="ErrorAndContinue" />
                    <RecordExperiment Condition="'$(WorkflowStage)' == ''" Targets="{name}" {CommonParameters}>
                      <Output TaskParameter="Results" ItemName="WorkflowStageResult" />
                    </RecordExperiment>
                    <CallTarget Condition="'$(WorkflowStage)' == '{name}'" Targets="_WorkflowRunStage">
                      <Output TaskParameter="TargetOutputs" ItemName="WorkflowStageResult" />
                    </CallTarget>
                  </Target>

                """);
        }
        sb.Append("</Project>\n");
        return sb.ToString();
    }
}
