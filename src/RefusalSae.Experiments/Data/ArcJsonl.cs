namespace RefusalSae.Experiments.Data;

/// <summary>One ARC multiple-choice question; choices are labelled (A), (B), … by position, as the paper's <c>eval_arc</c> does.</summary>
public sealed record ArcQuestion(string Id, long Line, string Question, IReadOnlyList<string> Choices, string AnswerKey);

/// <summary>
/// Loader for llm-foundry's <c>arc_challenge.jsonl</c> (catalog format <c>arc-foundry-jsonl</c>):
/// <c>{"query": "Question: …", "choices": [4 strings], "gold": index}</c>. DEVIATION: this is a modified copy of
/// ARC-Challenge test (choices forced to 4, ids and labels dropped, at least one item with another question's
/// choices; SOURCES.md §3.7). Use it for the ARC prompt/answer plumbing only; ARC accuracy must come from the real
/// HF file (catalog id <c>arc_challenge_test</c>, <see cref="ArcParquet"/>).
/// </summary>
public static class ArcJsonl
{
    public const string Format = "arc-foundry-jsonl";
    private const string QueryPrefix = "Question: ";

    public static IReadOnlyList<ArcQuestion> Load(string path)
    {
        var questions = new List<ArcQuestion>();
        foreach (var (line, row) in JsonLinesSource.Read(path))
        {
            var query = JsonSource.RequiredString(row, "query", path, line);
            if (!query.StartsWith(QueryPrefix, StringComparison.Ordinal))
                throw new DataFormatException(path, line, $"field 'query' must start with '{QueryPrefix}'");
            if (!row.TryGetProperty("choices", out var choices) || choices.ValueKind != System.Text.Json.JsonValueKind.Array
                || choices.EnumerateArray().Any(c => c.ValueKind != System.Text.Json.JsonValueKind.String) || choices.GetArrayLength() is < 2 or > 26)
                throw new DataFormatException(path, line, "field 'choices' must be a list of 2 to 26 strings");
            if (!row.TryGetProperty("gold", out var gold) || gold.ValueKind != System.Text.Json.JsonValueKind.Number
                || !gold.TryGetInt32(out var g) || g < 0 || g >= choices.GetArrayLength())
                throw new DataFormatException(path, line, $"field 'gold' must be an index into the {choices.GetArrayLength()} choices");
            questions.Add(new ArcQuestion($"arc:{questions.Count}", line, query[QueryPrefix.Length..],
                [.. choices.EnumerateArray().Select(c => c.GetString()!)], ((char)('A' + g)).ToString()));
        }
        return questions;
    }
}
