using System.Diagnostics;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests;

/// <summary>Runs a real `dotnet build experiments ...` from the repository root and captures its output.</summary>
public static class DotnetBuild
{
    public sealed record Result(int ExitCode, string Output);

    public static Result Experiments(params string[] args) => Run(["build", "experiments", "-nologo", "-nodeReuse:false", .. args]);

    /// <summary>`dotnet build PROJECT` (e.g. a project that consumes the experiment's results).</summary>
    public static Result Project(string project, params string[] args) => Run(["build", project, "-nologo", "-nodeReuse:false", .. args]);

    private static Result Run(string[] arguments)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Paths.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        // The test host may carry MSBuild variables of the outer build; a nested build must not inherit them.
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && k != "MSBUILDDISABLENODEREUSE").ToList())
            psi.Environment.Remove(name);
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result + stderr.Result);
    }
}
