using System.Diagnostics;
using RefusalSae.Engine.Cache;

namespace RefusalSae.Engine.Tests.Cache;

public class KeyLockTests
{
    private static string TempLock(out string dir)
    {
        dir = Directory.CreateTempSubdirectory("rsw-lock-").FullName;
        return Path.Combine(dir, "k.lock");
    }

    /// <summary>util-linux flock(1) takes the same flock(2) lock as .NET's FileShare.None: another process, another tool.</summary>
    private static Process HoldInAnotherProcess(string path)
    {
        var p = Process.Start(new ProcessStartInfo("flock", ["--exclusive", "--no-fork", path, "sleep", "60"]) { UseShellExecute = false })!;
        for (var i = 0; i < 100 && !KeyLock.IsHeld(path); i++) Thread.Sleep(50);
        Assert.True(KeyLock.IsHeld(path), "the helper process did not take the lock");
        return p;
    }

    [Fact]
    public void A_lock_held_by_another_process_is_released_by_the_kernel_when_that_process_is_killed()
    {
        var path = TempLock(out var dir);
        try
        {
            using var holder = HoldInAnotherProcess(path);
            Assert.Null(KeyLock.TryAcquire(path));
            holder.Kill();   // SIGKILL: the process gets no chance to clean up
            holder.WaitForExit();
            var warnings = new List<string>();
            using (KeyLock.Acquire(path, warnings.Add, TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken))
                Assert.Equal(Environment.ProcessId, KeyLock.Read(path)!.Pid);
            Assert.DoesNotContain(warnings, w => w.Contains("reclaim", StringComparison.Ordinal));
            Assert.False(KeyLock.IsHeld(path));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_lock_held_by_a_live_process_is_never_taken_and_the_wait_times_out_naming_its_holder()
    {
        var path = TempLock(out var dir);
        try
        {
            using var held = KeyLock.Acquire(path, _ => { }, cancellation: TestContext.Current.CancellationToken);
            var warnings = new List<string>();
            var e = Assert.Throws<WorkflowException>(() => KeyLock.Acquire(path, warnings.Add, TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken));
            Assert.Equal("RSW401", e.Code);
            Assert.Contains($"held by process {Environment.ProcessId} on {Environment.MachineName}", e.Message);
            Assert.Contains(warnings, w => w.StartsWith("waiting for lock", StringComparison.Ordinal));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task A_waiter_gets_the_lock_as_soon_as_its_holder_releases_it()
    {
        var path = TempLock(out var dir);
        try
        {
            var held = KeyLock.Acquire(path, _ => { }, cancellation: TestContext.Current.CancellationToken);
            var release = Task.Run(async () => { await Task.Delay(300); held.Dispose(); }, TestContext.Current.CancellationToken);
            using (KeyLock.Acquire(path, _ => { }, TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken))
                Assert.True(KeyLock.IsHeld(path));
            await release;
            Assert.False(KeyLock.IsHeld(path));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void A_leftover_lock_file_of_a_finished_process_is_simply_free()
    {
        var path = TempLock(out var dir);
        try
        {
            File.WriteAllText(path, "");   // what any earlier holder leaves behind: the file, without a lock on it
            File.WriteAllText(path + ".owner", "{\"pid\": 1, \"host\": \"gone\", \"since\": \"2020-01-01T00:00:00Z\"}");
            using var l = KeyLock.TryAcquire(path);
            Assert.NotNull(l);
            Assert.Equal(KeyLock.ThisBuild, KeyLock.Read(path)!.Build);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
