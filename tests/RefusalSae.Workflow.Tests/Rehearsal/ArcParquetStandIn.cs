using System.Text.Json;
using System.Text.Json.Serialization;
using Parquet.Serialization;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests.Rehearsal;

/// <summary>
/// A stand-in for allenai/ai2_arc's ARC-Challenge/test-00000-of-00001.parquet, the file the paper configs name
/// (catalog id arc_challenge_test) and the offline mirror lacks: the first questions of the mirror's llm-foundry copy,
/// written in the HF layout (id, question, choices {text: [..], label: [..]}, answerKey) so the worker's parquet reader
/// runs as on a GPU machine.
/// </summary>
public static class ArcParquetStandIn
{
    public static void Write(string path, int questions)
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadLines(Paths.Dataset("llm-foundry", "arc_challenge.jsonl")).Take(questions))
        {
            using var doc = JsonDocument.Parse(line);
            var choices = doc.RootElement.GetProperty("choices").EnumerateArray().Select(c => c.GetString()!).ToList();
            var labels = choices.Select((_, i) => ((char)('A' + i)).ToString()).ToList();
            rows.Add(new Row
            {
                Id = $"rehearsal_{rows.Count}",
                Question = doc.RootElement.GetProperty("query").GetString()!["Question: ".Length..],
                Choices = new ChoiceLists { Text = choices, Label = labels },
                AnswerKey = labels[doc.RootElement.GetProperty("gold").GetInt32()],
            });
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = File.Create(path);
        ParquetSerializer.SerializeAsync(rows, stream).GetAwaiter().GetResult();
    }

    /// <summary>The HF file's columns (names from the attributes, as Parquet.Net maps them).</summary>
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
