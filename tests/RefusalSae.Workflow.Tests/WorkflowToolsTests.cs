namespace RefusalSae.Workflow.Tests;

/// <summary>
/// The BuildWorkflowTools target of the real workflow targets, run against a scratch source tree whose "tools" are a
/// plain project that records each build: the tools rebuild exactly when their sources' content or file list changes.
/// </summary>
public sealed class WorkflowToolsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rsw-tools-").FullName;

    [Fact]
    public void Deleting_a_source_file_makes_the_next_build_rebuild_the_tools()
    {
        Write("src/Lib/Kept.cs", "namespace Lib; public static class Kept { }\n");
        Write("src/Lib/Deleted.cs", "namespace Lib; public static class Deleted { }\n");

        Assert.Contains("Building the workflow tools", Build());
        Assert.Equal(2, Builds());                       // worker and tasks
        Assert.DoesNotContain("Building the workflow tools", Build());
        Assert.Equal(2, Builds());

        File.Delete(Path.Combine(_root, "src/Lib/Deleted.cs"));
        Assert.Contains("Building the workflow tools", Build());
        Assert.Equal(4, Builds());
    }

    /// <summary>`dotnet build probe.proj -t:BuildWorkflowTools` with the tool projects and outputs pointed into the scratch folder.</summary>
    private string Build()
    {
        var tools = Path.Combine(_root, "tools.proj");
        Write("tools.proj", $"""
            <Project DefaultTargets="Build">
              <Target Name="Restore" />
              <Target Name="Build"><WriteLinesToFile File="{Path.Combine(_root, "built.log")}" Lines="built" /></Target>
            </Project>
            """);
        // The shared build files the fingerprint also covers.
        foreach (var f in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" }) Write(f, "<Project />\n");
        Write("global.json", "{}\n");
        Write("bin/worker.dll", "");
        Write("bin/tasks.dll", "");
        Write("probe.proj", $"""
            <Project>
              <Import Project="{Path.Combine(Testing.Paths.RepoRoot, "tasks", "RefusalSae.Tasks", "build", "RefusalSae.Workflow.targets")}" />
            </Project>
            """);
        var result = DotnetBuild.Project(Path.Combine(_root, "probe.proj"), "-t:BuildWorkflowTools", $"-p:RepoRoot={_root}/",
            $"-p:_WorkerProject={tools}", $"-p:_TasksProject={tools}", $"-p:WorkerPath={_root}/bin/worker.dll", $"-p:_TasksAssembly={_root}/bin/tasks.dll");
        Assert.True(result.ExitCode == 0, result.Output);
        return result.Output;
    }

    private int Builds() => File.Exists(Path.Combine(_root, "built.log")) ? File.ReadAllLines(Path.Combine(_root, "built.log")).Length : 0;

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
