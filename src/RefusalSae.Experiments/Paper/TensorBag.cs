using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// Keeps tensors created inside hooks alive past the forward pass (whose dispose scope would free them) and frees
/// them together when disposed.
/// </summary>
internal sealed class TensorBag : IDisposable
{
    private readonly List<Tensor> _kept = [];

    public Tensor Keep(Tensor t)
    {
        var kept = t.DetachFromDisposeScope();
        _kept.Add(kept);
        return kept;
    }

    public void Dispose()
    {
        foreach (var t in _kept) t.Dispose();
        _kept.Clear();
    }
}
