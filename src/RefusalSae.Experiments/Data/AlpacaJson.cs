namespace RefusalSae.Experiments.Data;

/// <summary>
/// Loader for tatsu-lab/stanford_alpaca's <c>alpaca_data.json</c> (catalog format <c>alpaca-json</c>): a JSON array of
/// <c>{"instruction", "input", "output"}</c> strings. refusal_direction's <c>processed/alpaca.json</c> keeps only the
/// instructions with an empty input and drops the outputs, so the outputs come from this file.
/// </summary>
public static class AlpacaJson
{
    public const string Format = "alpaca-json";

    public static IReadOnlyList<AlpacaRecord> Load(string path)
    {
        var (doc, lines) = JsonSource.ParseArray(path);
        using (doc)
        {
            var records = new List<AlpacaRecord>(lines.Length);
            var i = 0;
            foreach (var row in doc.RootElement.EnumerateArray())
            {
                var line = lines[i];
                var instruction = JsonSource.RequiredString(row, "instruction", path, line);
                var input = JsonSource.RequiredString(row, "input", path, line);
                var output = JsonSource.RequiredString(row, "output", path, line);
                if (string.IsNullOrWhiteSpace(instruction))
                    throw new DataFormatException(path, line, "field 'instruction' is empty");
                records.Add(new AlpacaRecord($"alpaca:{i}", instruction, input, output));
                i++;
            }
            return records;
        }
    }
}
