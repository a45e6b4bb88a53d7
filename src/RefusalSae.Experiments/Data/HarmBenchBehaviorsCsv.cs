namespace RefusalSae.Experiments.Data;

/// <summary>One HarmBench behaviour; <paramref name="ContextString"/> is empty for standard behaviours.</summary>
public sealed record HarmBenchBehavior(string BehaviorId, string Behavior, string FunctionalCategory, string SemanticCategory,
    string Tags, string ContextString);

/// <summary>Loader for HarmBench's behaviour CSVs (catalog format <c>harmbench-behaviors-csv</c>), used to format the judge prompt of contextual behaviours.</summary>
public static class HarmBenchBehaviorsCsv
{
    public const string Format = "harmbench-behaviors-csv";

    public static IReadOnlyList<HarmBenchBehavior> Load(string path)
    {
        var (header, rows) = DelimitedReader.ReadWithHeader(path, ',');
        int C(string name) => DelimitedReader.Column(header, name, path);
        int id = C("BehaviorID"), behavior = C("Behavior"), functional = C("FunctionalCategory"), semantic = C("SemanticCategory"),
            tags = C("Tags"), context = C("ContextString");
        return [.. rows.Select(r => string.IsNullOrEmpty(r.Fields[id])
            ? throw new DataFormatException(path, r.Line, "empty BehaviorID")
            : new HarmBenchBehavior(r.Fields[id], r.Fields[behavior], r.Fields[functional], r.Fields[semantic], r.Fields[tags], r.Fields[context]))];
    }
}
