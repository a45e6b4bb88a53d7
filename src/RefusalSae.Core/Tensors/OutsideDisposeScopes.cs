namespace RefusalSae.Core.Tensors;

/// <summary>
/// Runs a loader on a thread of its own, where no dispose scope is open (TorchSharp's scopes are per thread): weights
/// loaded lazily, on the first use inside some batch's <c>NewDisposeScope()</c>, must outlive that scope.
/// </summary>
public static class OutsideDisposeScopes
{
    public static T Run<T>(Func<T> load) =>
        Task.Factory.StartNew(load, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).GetAwaiter().GetResult();
}
