using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Building;

/// <summary>Runs one stage request to completion (the MSBuild task: the worker process via ToolTask; tests: in process).</summary>
public interface IStageLauncher
{
    /// <summary>Returns false when the stage failed (its errors are already logged).</summary>
    bool Launch(StageRequest request, string requestFile);

    /// <summary>
    /// True when the stage runs in another process that takes the key's lock and commits the entry itself
    /// (commit.json beside the request), so the lock follows the computation; false: in process, under the engine's lock.
    /// </summary>
    bool CommitsUnderItsOwnLock => false;

    /// <summary>Called before a stage waits for its resource slots (true) and once it holds them (false).</summary>
    void WaitingForSlots(bool waiting) { }
}

/// <summary>Where the engine reports: MSBuild's log in the task, a list in tests.</summary>
public interface IBuildLog
{
    void Message(string text, SourceLocation? at = null, string? code = null);
    void Warning(string code, string text, SourceLocation? at = null);
}
