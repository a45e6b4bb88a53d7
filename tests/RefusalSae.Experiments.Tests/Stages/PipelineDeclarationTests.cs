using RefusalSae.Engine.Pipeline;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Stages.Smoke;
using RefusalSae.Testing;

namespace RefusalSae.Experiments.Tests.Stages;

/// <summary>experiments/pipeline.yaml and the IStage implementations must describe the same stages.</summary>
public class PipelineDeclarationTests
{
    private static readonly PipelineDeclaration Pipeline = PipelineDeclaration.Load(Paths.RepoRoot);
    private static readonly IReadOnlyDictionary<string, Type> Implementations = StageRegistry.Discover(typeof(PromptStatsStage).Assembly);

    [Fact]
    public void Every_declared_stage_has_an_implementation_and_every_implementation_is_declared()
    {
        var declared = Pipeline.Stages.Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(declared, Implementations.Keys.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public void Every_stage_hashes_the_folder_of_its_own_implementation_so_code_edits_invalidate_it()
    {
        foreach (var stage in Pipeline.Stages)
        {
            var type = Implementations[stage.Name];
            var folder = "src/RefusalSae.Experiments/" + type.Namespace!["RefusalSae.Experiments.".Length..].Replace('.', '/');
            Assert.True(stage.Code.Any(c => folder == c || folder.StartsWith(c.TrimEnd('/') + "/", StringComparison.Ordinal)),
                $"stage '{stage.Name}' ({type.FullName}) does not list {folder} under code: in experiments/pipeline.yaml");
        }
    }
}
