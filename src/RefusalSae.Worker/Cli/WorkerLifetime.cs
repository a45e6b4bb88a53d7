using System.Runtime.InteropServices;

namespace RefusalSae.Worker.Cli;

/// <summary>
/// Ends the worker with the build that started it. SIGTERM (timeout, CI limits, Slurm, container runtimes), SIGINT
/// and SIGHUP cancel the stage through its CancellationToken, as does the loss of the parent: the worker polls
/// getppid(), which changes when the parent dies and the worker is re-parented. (prctl(PR_SET_PDEATHSIG) is not used:
/// it fires when the *thread* that forked exits, and the .NET thread that started us may be a pool thread.) A stage
/// that does not stop within the grace period is ended hard: the lock it holds is released by the kernel, per-item
/// results already written are complete files, and nothing half-done was committed.
/// </summary>
public sealed class WorkerLifetime : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly Timer _parentWatch;
    private readonly int _parent;
    private int _triggered;

    [DllImport("libc", EntryPoint = "getppid")]
    private static extern int GetParentPid();

    /// <summary>Seconds a cancelled stage gets to stop by itself ($RSW_CANCEL_GRACE_SECONDS, default 10).</summary>
    public static TimeSpan Grace =>
        TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("RSW_CANCEL_GRACE_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out var s) && s >= 0 ? s : 10);

    public WorkerLifetime(CancellationTokenSource cancel)
    {
        _cancel = cancel;
        _parent = GetParentPid();
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP })
            _signals.Add(PosixSignalRegistration.Create(signal, ctx => { ctx.Cancel = true; Trigger($"received {ctx.Signal}"); }));
        _parentWatch = new Timer(_ =>
        {
            if (GetParentPid() != _parent) Trigger($"its parent process {_parent} exited", orphaned: true);
        }, null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250));
    }

    public string? Reason { get; private set; }

    /// <summary>An orphan's grace is short: no build is left to commit its work, only to wait on its lock.</summary>
    private void Trigger(string reason, bool orphaned = false)
    {
        if (Interlocked.Exchange(ref _triggered, 1) == 1) return;
        Reason = reason;
        Say($"worker: {reason}; cancelling the stage (finished items stay in the item cache, nothing is committed)");
        _cancel.Cancel();
        var grace = orphaned && Grace > TimeSpan.FromSeconds(2) ? TimeSpan.FromSeconds(2) : Grace;
        var hardStop = new Thread(() =>
        {
            Thread.Sleep(grace);
            Say($"worker: the stage did not stop within {grace.TotalSeconds:0} s; exiting");
            Environment.Exit(143);
        }) { IsBackground = true };
        hardStop.Start();
    }

    /// <summary>stderr may be a pipe whose reader is gone (the parent died): a message must never crash the exit path.</summary>
    private static void Say(string line)
    {
        try { Console.Error.WriteLine(line); Console.Error.Flush(); }
        catch (IOException) { }
    }

    public void Dispose()
    {
        _parentWatch.Dispose();
        foreach (var s in _signals) s.Dispose();
    }
}
