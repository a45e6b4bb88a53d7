using Microsoft.Build.Framework;

namespace RefusalSae.Tasks;

/// <summary>
/// Live progress in TerminalLogger. TerminalLogger (MSBuild 18) has no public progress API for tasks
/// (dotnet/msbuild#6944): its live area shows, per node, the project, its TargetFramework and the running target,
/// and it prints High-importance messages only after a project finishes, and only at detailed verbosity. It does
/// update a node's line from the extended messages the .NET test runners send (ExtendedType TLTESTPASSED, with
/// `localizedResult` and `displayName`), and prints TLTESTOUTPUT messages at once, in projects where a target named
/// `_TestRunStart` ran. A stage instance that is about to run starts such a target, and its progress lines travel as
/// those messages: the node's line then reads "Experiments &lt;stage&gt; running &lt;stage&gt; 12/100 prompts, 3.1
/// prompts/s, ETA 0:00:28". Every other logger (console, file, binlog) sees ordinary High-importance messages with
/// today's text.
/// </summary>
internal static class LiveStatus
{
    public const string ProgressPrefix = "progress: ";

    /// <summary>A `progress: STAGE done/total unit, rate, ETA` line from the worker: the node's live status.</summary>
    public static void Progress(IBuildEngine engine, string line) =>
        Send(engine, "TLTESTPASSED", line, new Dictionary<string, string?>
        {
            ["localizedResult"] = "running",
            ["displayName"] = line[ProgressPrefix.Length..],
        });

    /// <summary>A line printed above the live area at once.</summary>
    public static void Output(IBuildEngine engine, string line) => Send(engine, "TLTESTOUTPUT", line, null);

    private static void Send(IBuildEngine engine, string type, string line, Dictionary<string, string?>? metadata) =>
        engine.LogMessageEvent(new ExtendedBuildMessageEventArgs(type, line, null, "RunStage", MessageImportance.High) { ExtendedMetadata = metadata });
}
