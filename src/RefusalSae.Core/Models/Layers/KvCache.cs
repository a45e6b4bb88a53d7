using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.Models.Layers;

/// <summary>
/// Keys and values of every layer for the tokens seen so far, (B, K, S, E) each, after RoPE and before repeat_kv.
/// Owns its tensors (outside any dispose scope); dispose it when the generation ends.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor?[] _keys;
    private readonly Tensor?[] _values;

    public KvCache(int layers)
    {
        _keys = new Tensor?[layers];
        _values = new Tensor?[layers];
    }

    /// <summary>Number of cached positions (S), 0 before the first forward.</summary>
    public long Length => _keys[0]?.shape[2] ?? 0;

    /// <summary>Appends this step's (B, K, T, E) keys/values and returns the whole (B, K, S+T, E) history.</summary>
    public (Tensor Keys, Tensor Values) Append(int layer, Tensor k, Tensor v)
    {
        var keys = _keys[layer] is { } pk ? torch.cat([pk, k], 2) : k.alias();
        var values = _values[layer] is { } pv ? torch.cat([pv, v], 2) : v.alias();
        _keys[layer]?.Dispose();
        _values[layer]?.Dispose();
        _keys[layer] = keys.DetachFromDisposeScope();
        _values[layer] = values.DetachFromDisposeScope();
        return (keys, values);
    }

    public void Dispose()
    {
        foreach (var t in _keys) t?.Dispose();
        foreach (var t in _values) t?.Dispose();
    }
}
