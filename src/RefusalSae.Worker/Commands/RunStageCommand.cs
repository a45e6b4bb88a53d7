using RefusalSae.Engine.Cache;
using RefusalSae.Engine.Stages;
using RefusalSae.Worker.Cli;

namespace RefusalSae.Worker.Commands;

/// <summary>
/// `run-stage --request FILE`: runs one stage for the workflow engine (the MSBuild task writes FILE). The stage is
/// found by name among the IStage implementations in RefusalSae.Experiments. Progress lines go to stdout, which the
/// task forwards to the build log; `error CODE: ...` lines become build errors. With commit.json beside FILE the
/// worker takes the key's lock, computes and commits the entry itself (<see cref="StageCommit"/>), so the lock is
/// held by the process that computes. With shard.json instead (`-p:ItemShard`) it takes the shard's lock and computes
/// only that shard's items, committing nothing (<see cref="ShardClaim"/>). It dies with its build (<see cref="WorkerLifetime"/>).
/// </summary>
public sealed class RunStageCommand : IWorkerCommand
{
    public string Name => "run-stage";
    public string Usage => "run-stage --request FILE          run one workflow stage (written by the MSBuild task)";

    public int Run(ArgReader args)
    {
        var requestFile = args.Required("request");
        args.EnsureAllUsed();
        if (!File.Exists(requestFile)) throw new WorkerException("RSW300", $"stage request not found: {requestFile}");
        var request = StageRequest.Read(requestFile);
        var stages = StageRegistry.Discover(typeof(RefusalSae.Experiments.Stages.Smoke.PromptStatsStage).Assembly);
        if (!stages.TryGetValue(request.Stage, out var type))
            throw new WorkerException("RSW300", $"no IStage named '{request.Stage}' in RefusalSae.Experiments (known: {string.Join(", ", stages.Keys.Order())})");
        using var cancel = new CancellationTokenSource();
        using var lifetime = new WorkerLifetime(cancel);
        var tempDir = Path.GetDirectoryName(Path.GetFullPath(requestFile))!;
        var commitFile = Path.Combine(tempDir, StageCommit.FileName);
        var shardFile = Path.Combine(tempDir, ShardClaim.FileName);
        void Compute() => StageHost.Run((IStage)Activator.CreateInstance(type)!, request, Console.Out, cancel.Token);
        try
        {
            if (File.Exists(shardFile))
            {
                if (!ShardClaim.Read(shardFile).RunLocked(tempDir, Console.Out.WriteLine, cancel.Token, Compute))
                    Console.Out.WriteLine($"stage '{request.Stage}': in the cache before shard {request.Shard} began (computed by a concurrent build); nothing to compute");
            }
            else if (!File.Exists(commitFile)) Compute();
            else if (StageCommit.Read(commitFile).RunLocked(tempDir, request.ResultFile, Console.Out.WriteLine, cancel.Token, Compute) is null)
                Console.Out.WriteLine($"stage '{request.Stage}': found in the cache once its lock was free (computed by a concurrent build)");
        }
        catch (StageException e)
        {
            throw new WorkerException(e.Code, $"stage '{request.Stage}': {e.Message}");
        }
        catch (OperationCanceledException)
        {
            throw new WorkerException("RSW398", $"stage '{request.Stage}': cancelled ({lifetime.Reason ?? "cancellation requested"}); finished items stay in the item cache");
        }
        catch (Exception e) when (e is not WorkerException)
        {
            Console.Error.WriteLine(e);   // the stack trace, for the bug report
            throw new WorkerException("RSW399", $"stage '{request.Stage}' crashed: {e.GetType().Name}: {e.Message}");
        }
        Console.Out.Flush();
        return 0;
    }
}
