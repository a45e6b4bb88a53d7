using System.Text.Json;
using System.Text.RegularExpressions;

namespace RefusalSae.Experiments.Data;

/// <summary>The index lists that the paper's <c>load_refusal_datasets(128, val_size)</c> draws (random.seed(42), four random.sample calls).</summary>
public sealed record RefusalSample(int ValSize, IReadOnlyList<int> HarmfulTrain, IReadOnlyList<int> HarmlessTrain,
    IReadOnlyList<int> HarmfulVal, IReadOnlyList<int> HarmlessVal)
{
    /// <summary>The prompts at <paramref name="indices"/>, in the sampled order.</summary>
    public static IReadOnlyList<Prompt> Select(IReadOnlyList<Prompt> prompts, IReadOnlyList<int> indices) =>
        [.. indices.Select(i => i >= 0 && i < prompts.Count ? prompts[i] : throw new ArgumentOutOfRangeException(nameof(indices), $"index {i} outside a list of {prompts.Count}"))];
}

/// <summary>Loader for <c>load_refusal_datasets_samples.json</c> (catalog format <c>refusal-samples-json</c>), keyed by val_size.</summary>
public static partial class RefusalSamples
{
    public const string Format = "refusal-samples-json";

    public static IReadOnlyDictionary<int, RefusalSample> Load(string path)
    {
        var (doc, _) = JsonSource.Parse(path);
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("calls", out var calls) || calls.ValueKind != JsonValueKind.Object)
                throw new DataFormatException(path, 0, "expected an object with 'calls'");
            var result = new Dictionary<int, RefusalSample>();
            foreach (var call in calls.EnumerateObject())
            {
                var m = ValSize().Match(call.Name);
                if (!m.Success) throw new DataFormatException(path, 0, $"call '{call.Name}' does not name val_size");
                IReadOnlyList<int> L(string name) => call.Value.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array
                    ? [.. a.EnumerateArray().Select(e => e.GetInt32())]
                    : throw new DataFormatException(path, 0, $"call '{call.Name}' has no list '{name}'");
                var valSize = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                result[valSize] = new RefusalSample(valSize, L("harmful_train"), L("harmless_train"), L("harmful_val"), L("harmless_val"));
            }
            return result;
        }
    }

    [GeneratedRegex(@"val_size=(\d+)")]
    private static partial Regex ValSize();
}
