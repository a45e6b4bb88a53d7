namespace RefusalSae.Experiments.Data;

/// <summary>
/// Loader for wj210/refusal_sae's advsuffixes.csv (catalog format <c>advsuffixes-csv</c>): columns <c>goal,response</c>,
/// where <c>response</c> is a Python list literal of suffixes (read by the paper with <c>ast.literal_eval</c>).
/// The paper prompts <c>goal + " " + suffix</c> (paper-method §7.3).
/// </summary>
public static class AdvSuffixesCsv
{
    public const string Format = "advsuffixes-csv";

    public static IReadOnlyList<AdvSuffixGoal> Load(string path)
    {
        var (header, rows) = DelimitedReader.ReadWithHeader(path, ',');
        var goal = DelimitedReader.Column(header, "goal", path);
        var response = DelimitedReader.Column(header, "response", path);
        var result = new List<AdvSuffixGoal>(rows.Count);
        foreach (var row in rows)
        {
            if (string.IsNullOrWhiteSpace(row.Fields[goal])) throw new DataFormatException(path, row.Line, "empty goal");
            IReadOnlyList<string> suffixes;
            try { suffixes = PythonListLiteral.Parse(row.Fields[response]); }
            catch (FormatException e) { throw new DataFormatException(path, row.Line, $"column 'response': {e.Message}"); }
            result.Add(new AdvSuffixGoal($"advsuffixes:{result.Count}", row.Line, row.Fields[goal], suffixes));
        }
        return result;
    }

    /// <summary>The paper's suffixed prompt.</summary>
    public static string Prompt(string goal, string suffix) => goal + " " + suffix;
}
