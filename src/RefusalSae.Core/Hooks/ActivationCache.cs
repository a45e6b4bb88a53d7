using static TorchSharp.torch;

namespace RefusalSae.Core.Hooks;

/// <summary>
/// Records the activations at some hook points while installed (TransformerLens run_with_cache). Keeps the latest
/// forward call's tensor per site; with <c>detach: false</c> the tensors stay in the autograd graph. Disposing it
/// removes the hooks and frees the tensors.
/// </summary>
public sealed class ActivationCache : IDisposable
{
    private readonly Dictionary<string, Tensor> _values = new(StringComparer.Ordinal);
    private readonly List<IDisposable> _hooks = [];

    public ActivationCache(HookRegistry hooks, IEnumerable<string> sites, bool detach = true)
    {
        foreach (var site in sites)
            _hooks.Add(hooks.Read(site, x =>
            {
                var kept = (detach ? x.detach() : x.alias()).DetachFromDisposeScope();
                if (_values.Remove(site, out var old)) old.Dispose();
                _values[site] = kept;
            }));
    }

    public Tensor this[string site] => _values.TryGetValue(site, out var t)
        ? t : throw new KeyNotFoundException($"no activation recorded at '{site}' (was the model run while the cache was installed?).");

    public bool Contains(string site) => _values.ContainsKey(site);

    public void Dispose()
    {
        foreach (var h in _hooks) h.Dispose();
        foreach (var t in _values.Values) t.Dispose();
        _values.Clear();
    }
}
