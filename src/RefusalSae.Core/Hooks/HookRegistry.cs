using static TorchSharp.torch;

namespace RefusalSae.Core.Hooks;

/// <summary>
/// The model's hook points. A hook sees the activation (B, T, D) at its site on every forward call (prefill and
/// every cached generation step) and returns the tensor that flows on: the same one (read), a new one (replace) or
/// x + v (add). Hooks run inside the forward's autograd graph, so gradients flow through whatever they return.
/// Every registration is an <see cref="IDisposable"/> that removes exactly that hook; hooks on one site run in the
/// order they were added.
/// </summary>
public sealed class HookRegistry
{
    private readonly Dictionary<string, List<Func<Tensor, Tensor?>>> _hooks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sites;

    public HookRegistry(IEnumerable<string> sites) => _sites = new HashSet<string>(sites, StringComparer.Ordinal);

    /// <summary>Every hook point this model has, e.g. blocks.0.hook_resid_post ….</summary>
    public IReadOnlyCollection<string> Sites => _sites;

    /// <summary>Whether any hook is installed on <paramref name="site"/>.</summary>
    public bool IsActive(string site) => _hooks.TryGetValue(site, out var l) && l.Count > 0;

    /// <summary>
    /// Installs <paramref name="hook"/>; it returns the tensor to pass on, or null to keep the input. The activation
    /// is owned by the forward pass: keep a reference beyond the hook only via alias().DetachFromDisposeScope().
    /// </summary>
    public IDisposable Add(string site, Func<Tensor, Tensor?> hook)
    {
        if (!_sites.Contains(site))
            throw new ArgumentException($"no hook point '{site}'; this model has {string.Join(", ", _sites.Take(3))} … ({_sites.Count} in all).");
        if (!_hooks.TryGetValue(site, out var list)) _hooks[site] = list = [];
        list.Add(hook);
        return new Removal(() => list.Remove(hook));
    }

    /// <summary>Calls <paramref name="reader"/> with the activation and leaves it unchanged.</summary>
    public IDisposable Read(string site, Action<Tensor> reader) => Add(site, x => { reader(x); return null; });

    /// <summary>Replaces the activation with <paramref name="replacement"/>(x).</summary>
    public IDisposable Replace(string site, Func<Tensor, Tensor> replacement) => Add(site, x => replacement(x));

    /// <summary>Adds <paramref name="delta"/> (broadcast against (B, T, D), e.g. a (D) steering vector).</summary>
    public IDisposable AddTo(string site, Tensor delta) => Add(site, x => x + delta.to(x.dtype, x.device));

    /// <summary>Runs the hooks of <paramref name="site"/> over <paramref name="x"/>; the model calls this.</summary>
    public Tensor Run(string site, Tensor x)
    {
        if (!_hooks.TryGetValue(site, out var list) || list.Count == 0) return x;
        foreach (var hook in list.ToArray())
        {
            var y = hook(x);
            if (y is null) continue;
            if (!y.shape.SequenceEqual(x.shape))
                throw new InvalidOperationException(
                    $"hook on '{site}' returned shape [{string.Join(",", y.shape)}], expected [{string.Join(",", x.shape)}].");
            x = y;
        }
        return x;
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        private Action? _remove = remove;

        public void Dispose()
        {
            _remove?.Invoke();
            _remove = null;
        }
    }
}
