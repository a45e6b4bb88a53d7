using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RefusalSae.Tasks;

/// <summary>
/// SIGTERM of `dotnet build` (timeout, CI limits, Slurm, container runtimes) ends the build, failed. It is not an
/// MSBuild cancellation, and left to the runtime the process ended with exit code 0 (measured, also with
/// Environment.ExitCode set), so a killed build looked successful. The first workflow task in a process registers one
/// handler: it stops the workers this process runs (ToolTask's cancel), waits until they have exited (bounded), and
/// exits with the conventional 143 (128 + SIGTERM). A worker run by another MSBuild node sees its parent go and stops
/// by itself (WorkerLifetime). Either way its lock goes with it and nothing half-done is committed.
/// </summary>
internal static class BuildTermination
{
    public const int ExitCode = 143;

    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<WorkerTool, byte> Running = new();
    private static PosixSignalRegistration? _registration;

    public static void Register()
    {
        lock (Gate)
        {
            // Kept for the process's lifetime on purpose: the signal can come at any point of the build.
            _registration ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
            {
                ctx.Cancel = true;
                Terminate();
            });
        }
    }

    /// <summary>Marks a worker as running in this process until the returned scope ends.</summary>
    public static IDisposable Track(WorkerTool tool)
    {
        Running[tool] = 0;
        return new Scope(tool);
    }

    private static void Terminate()
    {
        var tools = Running.Keys.ToList();
        foreach (var tool in tools) tool.Cancel();
        var waited = Stopwatch.StartNew();
        while (!Running.IsEmpty && waited.Elapsed < StopWait) Thread.Sleep(50);
        // Straight to stderr (MSBuild's loggers are not flushed by an exit from here), and last: written earlier, the
        // line landed in TerminalLogger's live area and its next redraw erased it (seen in tmux).
        Console.Error.WriteLine($"warning RSW412: received SIGTERM: the build stopped with exit code {ExitCode}" +
                                (tools.Count > 0 ? $"; {tools.Count} worker(s) stopped, finished items stay in the item cache" : ""));
        Console.Error.Flush();
        Environment.Exit(ExitCode);
    }

    /// <summary>ToolTask's default wait before it kills a cancelled tool (5 s), plus a margin.</summary>
    private static TimeSpan StopWait => TimeSpan.FromSeconds(7);

    private sealed class Scope(WorkerTool tool) : IDisposable
    {
        public void Dispose() => Running.TryRemove(tool, out _);
    }
}
