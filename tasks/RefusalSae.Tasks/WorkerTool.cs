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

    /// <summary>Tracked while it runs, so a SIGTERM of the build stops the worker before the process exits (<see cref="BuildTermination"/>).</summary>
    protected override int ExecuteTool(string pathToTool, string responseFileCommands, string commandLineCommands)
    {
        using var tracked = BuildTermination.Track(this);
        return base.ExecuteTool(pathToTool, responseFileCommands, commandLineCommands);
    }

    protected override void LogEventsFromTextOutput(string singleLine, MessageImportance messageImportance)
    {
        var m = ErrorLine().Match(singleLine);
        if (m.Success) Log.LogError(null, m.Groups["code"].Value, null, null, 0, 0, 0, 0, m.Groups["message"].Value);
        else if (singleLine.StartsWith(LiveStatus.ProgressPrefix, StringComparison.Ordinal)) LiveStatus.Progress(BuildEngine, singleLine);
        else LiveStatus.Output(BuildEngine, singleLine);
    }
}
