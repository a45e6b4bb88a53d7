using System.Text.Json;

namespace RefusalSae.Experiments.Stages.PaperJudge;

/// <summary>One line of paper-jailbreak's completions.jsonl: a harmful set, a method, the raw prompt, the response and its substring verdict.</summary>
public sealed record JailbreakCompletion(string Set, string Method, string Prompt, string Response, bool Refused)
{
    public const string File = "completions.jsonl";

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Reads <c>{dir}/completions.jsonl</c> (or another file of the same lines); a bad line is reported with its number.</summary>
    public static IReadOnlyList<JailbreakCompletion> Load(string dir, string file = File)
    {
        var path = Path.Combine(dir, file);
        if (!System.IO.File.Exists(path)) throw new InvalidDataException($"{path}: not found (paper-jailbreak writes it).");
        var result = new List<JailbreakCompletion>();
        var n = 0;
        foreach (var line in System.IO.File.ReadLines(path))
        {
            n++;
            if (line.Length == 0) continue;
            try
            {
                result.Add(JsonSerializer.Deserialize<JailbreakCompletion>(line, Options) ?? throw new JsonException("null record"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}({n}): expected {{\"set\", \"method\", \"prompt\", \"response\", \"refused\"}}: {e.Message}");
            }
        }
        return result;
    }
}
