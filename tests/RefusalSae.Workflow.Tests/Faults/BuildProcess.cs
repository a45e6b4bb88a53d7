using System.Diagnostics;
using System.Text;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests.Faults;

/// <summary>A `dotnet build experiments ...` started in the background, its output collected line by line (to signal it mid-stage).</summary>
public sealed class BuildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public BuildProcess(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = Paths.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "build", "experiments", "-nologo", "-nodeReuse:false" }.Concat(args)) psi.ArgumentList.Add(a);
        foreach (var name in psi.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) && k != "MSBUILDDISABLENODEREUSE").ToList())
            psi.Environment.Remove(name);
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        _process = new Process { StartInfo = psi };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output { get { lock (_output) return _output.ToString(); } }

    /// <summary>Waits until a line satisfies <paramref name="seen"/> (true) or the build exits first (false).</summary>
    public bool WaitFor(Func<string, bool> seen, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (Output.Split('\n').Any(seen)) return true;
            if (_process.HasExited) return false;
            Thread.Sleep(100);
        }
        return false;
    }

    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
        kill.WaitForExit();
    }

    public int WaitForExit()
    {
        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Live worker processes whose command line mentions <paramref name="marker"/> (e.g. this test's cache folder).</summary>
    public static IReadOnlyList<int> Workers(string marker) =>
        Directory.EnumerateDirectories("/proc").Select(d => (Dir: d, Pid: int.TryParse(Path.GetFileName(d), out var p) ? p : 0)).Where(x => x.Pid > 0)
            .Where(x =>
            {
                try { var cmd = File.ReadAllText(Path.Combine(x.Dir, "cmdline")).Replace('\0', ' '); return cmd.Contains("run-stage", StringComparison.Ordinal) && cmd.Contains(marker, StringComparison.Ordinal); }
                catch (IOException) { return false; }
                catch (UnauthorizedAccessException) { return false; }
            })
            .Select(x => x.Pid).ToList();

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
