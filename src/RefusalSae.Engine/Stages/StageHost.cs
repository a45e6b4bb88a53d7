namespace RefusalSae.Engine.Stages;

/// <summary>Runs one <see cref="StageRequest"/> in this process and writes its <see cref="StageResult"/> (the worker's run-stage verb, and tests).</summary>
public static class StageHost
{
    public static void Run(IStage stage, StageRequest request, TextWriter log, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(request.OutputDirectory);
        if (request.ItemCacheDirectory is not null) Directory.CreateDirectory(request.ItemCacheDirectory);
        var ctx = new StageContext(request, log, cancellation);
        try
        {
            stage.Run(ctx);
        }
        finally
        {
            // Written even on failure so a resumed run can report how far the item cache got.
            new StageResult { ItemsComputed = ctx.Items.Computed, ItemsCached = ctx.Items.Cached }.Write(request.ResultFile);
        }
    }
}
