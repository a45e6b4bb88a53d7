using System.Diagnostics;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests;

/// <summary>Runs a real `dotnet build experiments ...` from the repository root and captures its output.</summary>
public static class DotnetBuild
{
    public sealed record Result(int ExitCode, string Output);

    private static readonly IReadOnlyDictionary<string, string> NoVariables = new Dictionary<string, string>();

    public static Result Experiments(params string[] args) => Experiments(NoVariables, args);

    /// <param name="environment">Variables set for the build and its worker (e.g. HF_ENDPOINT of a stand-in Hub).</param>
    public static Result Experiments(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        Run(["build", "experiments", "-nologo", "-nodeReuse:false", .. args], environment);

    /// <summary>`dotnet build PROJECT` (e.g. a project that consumes the experiment's results).</summary>
    public static Result Project(string project, params string[] args) => Run(["build", project, "-nologo", "-nodeReuse:false", .. args], NoVariables);

    private static Result Run(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Paths.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        // The test host may carry MSBuild variables of the outer build; a nested build must not inherit them.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && k != "MSBUILDDISABLENODEREUSE").ToList())
            psi.Environment.Remove(name);
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (name, value) in environment) psi.Environment[name] = value;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result + stderr.Result);
    }
}
