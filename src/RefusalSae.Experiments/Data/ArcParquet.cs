using System.Text.Json.Serialization;
using Parquet.Serialization;

namespace RefusalSae.Experiments.Data;

/// <summary>
/// Loader for the Hugging Face ARC file the paper reads (allenai/ai2_arc, ARC-Challenge/test-00000-of-00001.parquet,
/// catalog format <c>arc-hf-parquet</c>): columns id, question, choices {text: [..], label: [..]}, answerKey, through
/// Parquet.Net. Choices keep their file order; the paper shows them as (A), (B), … by position and compares the
/// answer key with the generated letter (spec §9 #23: a digit key can never match).
/// </summary>
public static class ArcParquet
{
    public const string Format = "arc-hf-parquet";

    public static IReadOnlyList<ArcQuestion> Load(string path)
    {
        IList<Row> rows;
        try
        {
            using var stream = File.OpenRead(path);
            rows = ParquetSerializer.DeserializeAsync<Row>(stream).GetAwaiter().GetResult().Data;
        }
        catch (Exception e) when (e is not (FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException))
        {
            throw new DataFormatException(path, 0, $"not the ARC parquet layout (id, question, choices {{text, label}}, answerKey): {e.Message}");
        }
        var questions = new List<ArcQuestion>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var text = r.Choices?.Text;
            if (string.IsNullOrEmpty(r.Question) || string.IsNullOrEmpty(r.AnswerKey) || text is null || text.Count is < 2 or > 26 || text.Any(t => t is null))
                throw new DataFormatException(path, i + 1, "row needs a question, an answerKey and 2 to 26 choices.text strings (line = row number).");
            questions.Add(new ArcQuestion(r.Id ?? $"arc:{i}", i + 1, r.Question, [.. text!], r.AnswerKey));
        }
        return questions;
    }

    /// <summary>The parquet schema, as Parquet.Net maps it (column names from the attributes).</summary>
    public sealed class Row
    {
        [JsonPropertyName("id")] public string? Id { get; set; }
        [JsonPropertyName("question")] public string? Question { get; set; }
        [JsonPropertyName("choices")] public ChoiceLists? Choices { get; set; }
        [JsonPropertyName("answerKey")] public string? AnswerKey { get; set; }
    }

    public sealed class ChoiceLists
    {
        [JsonPropertyName("text")] public List<string>? Text { get; set; }
        [JsonPropertyName("label")] public List<string>? Label { get; set; }
    }
}
