namespace RefusalSae.Engine.Stages;

/// <summary>
/// Runs one <see cref="StageRequest"/> in this process and writes its <see cref="StageResult"/> (the worker's run-stage
/// verb, and tests). A shard's run that stops at another shard's item (<see cref="ShardStopped"/>) ends normally.
/// </summary>
public static class StageHost
{
    public static void Run(IStage stage, StageRequest request, TextWriter log, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        if (request.ItemCacheDirectory is not null) Directory.CreateDirectory(request.ItemCacheDirectory);
        var ctx = new StageContext(request, log, cancellation);
        int? otherShards = null;
        try
        {
            stage.Run(ctx);
        }
        catch (ShardStopped stop) when (request.Shard is not null)
        {
            // The shard's end, not a failure: its items are stored, and its (partial) outputs are never committed.
            otherShards = stop.ItemsOfOtherShards;
            log.WriteLine($"stage '{request.Stage}': shard {request.Shard} stopped where {stop.ItemsOfOtherShards} missing item(s) belong to other shards " +
                          $"({ctx.Items.Computed} computed, {ctx.Items.Cached} cached)");
        }
        finally
        {
            // Written even on failure so a resumed run can report how far the item cache got.
            new StageResult { ItemsComputed = ctx.Items.Computed, ItemsCached = ctx.Items.Cached, ItemsOfOtherShards = otherShards }.Write(request.ResultFile);
        }
    }
}
