using RefusalSae.Engine;
using RefusalSae.Engine.Building;
using RefusalSae.Engine.Stages;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests.Faults;

/// <summary>
/// The repository's real experiments/ (defaults, pipeline, toy, toy-ci) and dataset catalog copied into a temp folder,
/// plus one experiment written by the test: the engine sees exactly what `dotnet build experiments` would, and the
/// checkout is never touched. Launches are recorded, so a test can show that nothing was computed.
/// </summary>
public sealed class ScratchRepo : IDisposable, IStageLauncher, IBuildLog
{
    public string Root { get; } = Directory.CreateTempSubdirectory("rsw-faults-").FullName;
    public List<string> Launched { get; } = [];
    public List<string> Messages { get; } = [];

    public ScratchRepo()
    {
        foreach (var f in new[] { "experiments/defaults.yaml", "experiments/pipeline.yaml", "experiments/toy.yaml", "experiments/toy-ci.yaml", "datasets/catalog.yaml" })
        {
            var dst = Path.Combine(Root, f);
            Directory.CreateDirectory(Path.GetDirectoryName(dst)!);
            File.Copy(Path.Combine(Paths.RepoRoot, f), dst);
        }
    }

    public string Artifacts => Path.Combine(Root, "artifacts");

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>Builds experiments/NAME.yaml in process, as the MSBuild task does (stages would run through <see cref="Launch"/>).</summary>
    public IReadOnlyList<StageOutcome> Build(string experiment, string? overrides = null) =>
        new ExperimentBuild(new BuildOptions { RepoRoot = Root, Experiment = experiment, Overrides = overrides, ArtifactsRoot = Artifacts }, this, this).Run();

    public bool Launch(StageRequest request, string requestFile)
    {
        Launched.Add(request.Stage);
        return false;
    }

    public void Message(string text, SourceLocation? at = null, string? code = null) => Messages.Add(text);
    public void Warning(string code, string text, SourceLocation? at = null) => Messages.Add($"warning {code}: {text}");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
