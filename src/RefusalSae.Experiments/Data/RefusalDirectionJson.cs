namespace RefusalSae.Experiments.Data;

/// <summary>
/// Loader for andyrdt/refusal_direction's <c>splits/*.json</c> and <c>processed/*.json</c> (catalog format
/// <c>refusal-direction-json</c>): a JSON array of <c>{"instruction": string, "category": string|null}</c>.
/// </summary>
public static class RefusalDirectionJson
{
    public const string Format = "refusal-direction-json";

    public static IReadOnlyList<Prompt> Load(string path)
    {
        var (doc, lines) = JsonSource.ParseArray(path);
        using (doc)
        {
            var stem = Path.GetFileNameWithoutExtension(path);
            var prompts = new List<Prompt>(lines.Length);
            var i = 0;
            foreach (var row in doc.RootElement.EnumerateArray())
            {
                var line = lines[i];
                var instruction = JsonSource.RequiredString(row, "instruction", path, line);
                if (string.IsNullOrWhiteSpace(instruction))
                    throw new DataFormatException(path, line, "field 'instruction' is empty");
                var category = JsonSource.OptionalString(row, "category", path, line);
                prompts.Add(new Prompt($"{stem}:{i}", instruction, category));
                i++;
            }
            return prompts;
        }
    }

    /// <summary>The first <paramref name="n"/> prompts in file order, as the paper's <c>[:N_test]</c>; fails when the file is shorter.</summary>
    public static IReadOnlyList<Prompt> First(string path, int n)
    {
        var all = Load(path);
        if (all.Count < n) throw new DataFormatException(path, 0, $"expected at least {n} records, found {all.Count}");
        return [.. all.Take(n)];
    }
}
