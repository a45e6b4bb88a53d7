namespace RefusalSae.Experiments.Data;

/// <summary>One GSM8K problem. <paramref name="FinalAnswer"/> is the paper's gold: <c>answer.split('####')[-1].strip().replace(',', '')</c>.</summary>
public sealed record Gsm8kProblem(string Id, long Line, string Question, string Answer, string FinalAnswer);

/// <summary>Loader for openai/grade-school-math <c>test.jsonl</c> (catalog format <c>gsm8k-jsonl</c>): <c>{"question", "answer"}</c> per line, answer ending in <c>#### N</c>.</summary>
public static class Gsm8kJsonl
{
    public const string Format = "gsm8k-jsonl";

    public static IReadOnlyList<Gsm8kProblem> Load(string path)
    {
        var problems = new List<Gsm8kProblem>();
        foreach (var (line, row) in JsonLinesSource.Read(path))
        {
            var question = JsonSource.RequiredString(row, "question", path, line);
            var answer = JsonSource.RequiredString(row, "answer", path, line);
            var cut = answer.LastIndexOf("####", StringComparison.Ordinal);
            if (cut < 0) throw new DataFormatException(path, line, "field 'answer' has no '#### <number>' line");
            var final = answer[(cut + 4)..].Trim().Replace(",", "", StringComparison.Ordinal);
            if (final.Length == 0) throw new DataFormatException(path, line, "nothing after '####' in field 'answer'");
            problems.Add(new Gsm8kProblem($"gsm8k:{problems.Count}", line, question, answer, final));
        }
        return problems;
    }
}
