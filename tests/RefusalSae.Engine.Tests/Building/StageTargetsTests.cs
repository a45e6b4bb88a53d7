using RefusalSae.Engine.Building;
using RefusalSae.Engine.Pipeline;
using RefusalSae.Testing;

namespace RefusalSae.Engine.Tests.Building;

public class StageTargetsTests
{
    [Fact]
    public void The_committed_stage_targets_are_what_pipeline_yaml_generates()
    {
        var committed = File.ReadAllText(Path.Combine(Paths.RepoRoot, StageTargets.RelativePath));
        var generated = StageTargets.Generate(PipelineDeclaration.Load(Paths.RepoRoot));
        Assert.True(committed == generated, $"{StageTargets.RelativePath} is out of date: run any build of experiments/ and commit it");
    }

    [Fact]
    public void Every_declared_stage_gets_a_target_and_a_depends_on_property()
    {
        using var repo = new TestRepo();
        var text = StageTargets.Generate(PipelineDeclaration.Load(repo.Root));
        Assert.Contains("<Target Name=\"gen\"", text);
        Assert.Contains("<Target Name=\"tab\"", text);
        Assert.Contains("DependsOnTargets=\"_WorkflowStagePrepare;$(TabDependsOn)\"", text);
        Assert.Equal("PaperFeaturesDependsOn", StageTargets.DependsOnProperty("paper-features"));
    }
}
