namespace RefusalSae.Worker.Cli;

/// <summary>
/// `--name value` and `--flag` options. Every option must be consumed: <see cref="EnsureAllUsed"/> rejects unknown
/// ones, so a typo never silently falls back to a default.
/// </summary>
public sealed class ArgReader
{
    private readonly string _verb;
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public ArgReader(string verb, IEnumerable<string> args)
    {
        _verb = verb;
        string? current = null;
        foreach (var a in args)
        {
            if (a.StartsWith("--", StringComparison.Ordinal))
            {
                current = a[2..];
                if (!_values.ContainsKey(current)) _values[current] = [];
            }
            else if (current is null)
                throw new WorkerException("RSW500", $"{_verb}: unexpected argument '{a}' (options are --name value).");
            else
                _values[current].Add(a);
        }
    }

    public bool Has(string name) { _used.Add(name); return _values.ContainsKey(name); }

    public bool Flag(string name) => Has(name);

    public string Required(string name) =>
        Optional(name) ?? throw new WorkerException("RSW501", $"{_verb}: missing required option --{name}.");

    public string? Optional(string name)
    {
        _used.Add(name);
        if (!_values.TryGetValue(name, out var v)) return null;
        if (v.Count != 1) throw new WorkerException("RSW502", $"{_verb}: --{name} expects one value, got {v.Count}.");
        return v[0];
    }

    public string Optional(string name, string fallback) => Optional(name) ?? fallback;

    public int Int(string name, int fallback) => Parse(name, Optional(name), fallback, int.TryParse);

    public double Double(string name, double fallback) => Parse(name, Optional(name), fallback, double.TryParse);

    /// <summary>All values of a repeated or space-separated option, e.g. `--stop-ids 1 107`.</summary>
    public IReadOnlyList<string> Many(string name)
    {
        _used.Add(name);
        return _values.TryGetValue(name, out var v)
            ? v.SelectMany(x => x.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList()
            : [];
    }

    public void EnsureAllUsed()
    {
        var unknown = _values.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
            throw new WorkerException("RSW503", $"{_verb}: unknown option(s) {string.Join(", ", unknown.Select(u => "--" + u))}.");
    }

    private delegate bool TryParser<T>(string s, out T value);

    private T Parse<T>(string name, string? raw, T fallback, TryParser<T> parse)
    {
        if (raw is null) return fallback;
        if (parse(raw, out var v)) return v;
        throw new WorkerException("RSW504", $"{_verb}: --{name} expects a {typeof(T).Name}, got '{raw}'.");
    }
}
