using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace RefusalSae.Tasks;

/// <summary>
/// `dotnet RefusalSae.Worker.dll run-stage --request FILE` as a ToolTask: stdout streams into the build log at High
/// importance (progress lines), and `error CODE: message` lines become coded build errors.
/// </summary>
public sealed partial class WorkerTool : ToolTask
{
    [Required] public string WorkerPath { get; set; } = "";
    [Required] public string RequestFile { get; set; } = "";

    protected override string ToolName => "dotnet";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.High;
    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    [GeneratedRegex(@"^\s*error (?<code>[A-Z]+\d+): (?<message>.*)$")] private static partial Regex ErrorLine();

    protected override string GenerateFullPathToTool() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    protected override string GenerateCommandLineCommands() =>
        $"\"{WorkerPath}\" run-stage --request \"{RequestFile}\"";

    /// <summary>
    /// SIGTERM of `dotnet build` (timeout, CI limits, Slurm, containers) is not an MSBuild cancellation: the runtime
    /// ends the process (with exit code 143, <see cref="BuildTermination"/>), often before ToolTask could kill the
    /// tool. So when the signal reaches the process running this task, the handler cancels the worker and holds the
    /// termination back until the worker has exited (at most <see cref="StopWait"/>), then lets it go on: the build
    /// ends, failed, with nothing half-done committed. Where it reaches only the build's main process, the worker sees
    /// its parent die and stops by itself (WorkerLifetime); either way its lock goes with it.
    /// </summary>
    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        using var exited = new ManualResetEventSlim();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ =>
        {
            Log.LogWarning(null, "RSW412", null, null, 0, 0, 0, 0, "received SIGTERM: stopping the worker; finished items stay in the item cache");
            Cancel();
            try { exited.Wait(StopWait); }
            catch (ObjectDisposedException) { }   // the worker had already exited and this task returned
        });
        try { return base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands); }
        finally { exited.Set(); }
    }

    /// <summary>ToolTask's own wait before it kills a cancelled tool, plus a margin.</summary>
    private TimeSpan StopWait => TimeSpan.FromMilliseconds(TaskProcessTerminationTimeout + 2000);

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        var m = ErrorLine().Match(singleLine);
        if (m.Success) Log.LogError(null, m.Groups["code"].Value, null, null, 0, 0, 0, 0, m.Groups["message"].Value);
        else if (singleLine.StartsWith(LiveStatus.ProgressPrefix, StringComparison.Ordinal)) LiveStatus.Progress(BuildEngine, singleLine);
        else LiveStatus.Output(BuildEngine, singleLine);
    }
}
