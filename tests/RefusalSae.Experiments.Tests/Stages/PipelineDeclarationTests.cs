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
    public void Every_stage_has_a_code_identity_computed_from_the_compiled_assemblies()
    {
        var dir = Path.GetDirectoryName(typeof(PromptStatsStage).Assembly.Location)!;
        var codes = RefusalSae.Engine.Code.CodeAnalysis.Analyse(RefusalSae.Engine.Code.StageCodeCache.AnalysedAssemblies(dir), null);
        Assert.Equal(Implementations.Keys.Order(StringComparer.Ordinal), codes.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, code) in codes)
            Assert.True(code.Methods > 10, $"stage '{name}' reaches only {code.Methods} methods");
    }
}
