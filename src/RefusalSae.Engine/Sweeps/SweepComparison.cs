using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Sweeps;

/// <summary>One row of a sweep's comparison: a point, the placeholder values that matched, and each metric (null = absent or not a number).</summary>
public sealed record SweepRow(SweepPoint Point, IReadOnlyList<string> Bindings, IReadOnlyDictionary<string, double?> Metrics);

/// <summary>
/// Collects the compared metrics from each point's JSON file: rows in point order, then in the order the JSON lists
/// its members, so the table's bytes depend only on the points' results. A point whose file is missing (it failed)
/// contributes no rows and is reported by the caller.
/// </summary>
public static class SweepComparison
{
    public static IReadOnlyList<SweepRow> Collect(SweepComparisonSpec spec, IEnumerable<(SweepPoint Point, JsonNode? Document)> points)
    {
        var rows = new List<SweepRow>();
        foreach (var (point, doc) in points)
        {
            if (doc is null) continue;
            var byBinding = new Dictionary<string, (List<string> Bindings, Dictionary<string, double?> Metrics)>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var (name, path) in spec.Metrics)
                foreach (var (bindings, value) in Match(doc, path, 0, []))
                {
                    var id = string.Join('\u001f', bindings);
                    if (!byBinding.TryGetValue(id, out var row))
                    {
                        byBinding[id] = row = (bindings, new Dictionary<string, double?>(StringComparer.Ordinal));
                        order.Add(id);
                    }
                    row.Metrics[name] = value;
                }
            foreach (var id in order)
            {
                var (bindings, metrics) = byBinding[id];
                foreach (var (name, _) in spec.Metrics) metrics.TryAdd(name, null);
                rows.Add(new SweepRow(point, bindings, metrics));
            }
        }
        return rows;
    }

    private static IEnumerable<(List<string> Bindings, double? Value)> Match(JsonNode? node, string[] path, int i, List<string> bound)
    {
        if (i == path.Length)
        {
            yield return ([.. bound], node is JsonValue v && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null);
            yield break;
        }
        if (SweepComparisonSpec.PlaceholderName(path[i]) is not null)
        {
            var children = node switch
            {
                JsonObject o => o.Select(kv => (kv.Key, kv.Value)),
                JsonArray a => a.Select((v, k) => (k.ToString(System.Globalization.CultureInfo.InvariantCulture), v)),
                _ => [],
            };
            foreach (var (name, child) in children)
                foreach (var m in Match(child, path, i + 1, [.. bound, name]))
                    yield return m;
        }
        else if (node is JsonObject o && o.TryGetPropertyValue(path[i], out var child))
        {
            foreach (var m in Match(child, path, i + 1, bound))
                yield return m;
        }
    }
}
