using Microsoft.Build.Framework;
using RefusalSae.Engine;

namespace RefusalSae.Tasks;

/// <summary>Base for the workflow tasks: expected failures (<see cref="WorkflowException"/>) become coded errors at their file(line,col).</summary>
public abstract class WorkflowTask : Microsoft.Build.Utilities.Task
{
    public sealed override bool Execute()
    {
        BuildTermination.Register();
        try { ExecuteCore(); }
        catch (WorkflowException e)
        {
            var at = e.Location;
            Log.LogError(subcategory: null, errorCode: e.Code, helpKeyword: null, file: at?.File, lineNumber: at?.Line ?? 0,
                columnNumber: at?.Column ?? 0, endLineNumber: 0, endColumnNumber: 0, message: e.Message);
        }
        return !Log.HasLoggedErrors;
    }

    protected abstract void ExecuteCore();
}

/// <summary>
/// The engine's log, written to MSBuild's (High importance, so it shows at the default verbosity). With
/// an <paramref name="immediate"/> engine (a running stage) plain lines go out as TerminalLogger's immediate output
/// (<see cref="LiveStatus"/>), and `progress:` lines (a dataset download) the node's live status; other loggers print
/// them as ordinary messages.
/// </summary>
internal sealed class MSBuildLog(Microsoft.Build.Utilities.TaskLoggingHelper log, IBuildEngine? immediate = null) : RefusalSae.Engine.Building.IBuildLog
{
    public void Message(string text, SourceLocation? at = null, string? code = null)
    {
        if (at is null && code is null && immediate is not null && text.StartsWith(LiveStatus.ProgressPrefix, StringComparison.Ordinal)) { LiveStatus.Progress(immediate, text); return; }
        if (at is null && code is null && immediate is not null) { LiveStatus.Output(immediate, text); return; }
        if (at is null && code is null) { log.LogMessage(MessageImportance.High, text); return; }
        log.LogMessage(subcategory: null, code: code, helpKeyword: null, file: at?.File, lineNumber: at?.Line ?? 0,
            columnNumber: at?.Column ?? 0, endLineNumber: 0, endColumnNumber: 0, importance: MessageImportance.High, message: text);
    }

    public void Warning(string code, string text, SourceLocation? at = null) =>
        log.LogWarning(subcategory: null, warningCode: code, helpKeyword: null, file: at?.File, lineNumber: at?.Line ?? 0,
            columnNumber: at?.Column ?? 0, endLineNumber: 0, endColumnNumber: 0, message: text);
}
