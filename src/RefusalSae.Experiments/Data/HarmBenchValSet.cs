using System.Globalization;
using System.Text.Json;

namespace RefusalSae.Experiments.Data;

/// <summary>One human-labelled generation of HarmBench's classifier validation set. <paramref name="Cls"/> is the stored classifier verdict.</summary>
public sealed record HarmBenchValItem(string BehaviorId, int Index, string TestCase, string Generation, string Model, string Method,
    int Cls, IReadOnlyList<int> Human)
{
    /// <summary>The label HarmBench scores against: the majority of the three human votes.</summary>
    public int HumanMajority => Human.Sum() >= 2 ? 1 : 0;
}

/// <summary>
/// Loader for HarmBench's <c>text_behaviors_val_set.json</c> (catalog format <c>harmbench-val-json</c>): an object
/// BehaviorID → list of items; verdicts are stored as "0"/"1" strings (numbers are accepted too).
/// </summary>
public static class HarmBenchValSet
{
    public const string Format = "harmbench-val-json";

    public static IReadOnlyList<HarmBenchValItem> Load(string path)
    {
        var (doc, lines) = JsonSource.Parse(path);
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new DataFormatException(path, 1, "expected an object BehaviorID -> [items]");
            var items = new List<HarmBenchValItem>();
            var b = 0;
            foreach (var behavior in doc.RootElement.EnumerateObject())
            {
                var line = lines[b++];
                if (behavior.Value.ValueKind != JsonValueKind.Array)
                    throw new DataFormatException(path, line, $"behaviour '{behavior.Name}' must map to a list of items");
                var i = 0;
                foreach (var item in behavior.Value.EnumerateArray())
                {
                    string S(string name) => JsonSource.RequiredString(item, name, path, line);
                    int Bit(string name)
                    {
                        if (!item.TryGetProperty(name, out var v)) throw new DataFormatException(path, line, $"'{behavior.Name}'[{i}]: missing field '{name}'");
                        var s = v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText();
                        return s is "0" or "1" ? int.Parse(s, CultureInfo.InvariantCulture)
                            : throw new DataFormatException(path, line, $"'{behavior.Name}'[{i}]: field '{name}' must be 0 or 1, found {s}");
                    }
                    items.Add(new HarmBenchValItem(behavior.Name, i, S("test_case"), S("generation"), S("model"), S("method"),
                        Bit("cls"), [Bit("human_0"), Bit("human_1"), Bit("human_2")]));
                    i++;
                }
            }
            return items;
        }
    }
}
