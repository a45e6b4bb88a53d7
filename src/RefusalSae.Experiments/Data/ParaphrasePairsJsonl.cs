using System.Text.Json;

namespace RefusalSae.Experiments.Data;

/// <summary>One §4.3a pair: an adversarial prompt and its plainly harmful paraphrase (the paper's GPT-4o rewrite).</summary>
public sealed record ParaphrasePair(string Adversarial, string Paraphrase);

/// <summary>
/// A user-supplied file of §4.3a paraphrase pairs, JSON Lines with string fields <c>adversarial</c> and
/// <c>paraphrase</c> (the paper's cache/wjb_converted_data.pkl holds the same as 'original' and 'harmful'). With it,
/// paper-wildjailbreak pairs prompts as the paper did instead of by nearest vanilla prompt.
/// </summary>
public static class ParaphrasePairsJsonl
{
    public static IReadOnlyList<ParaphrasePair> Load(string path)
    {
        var pairs = new List<ParaphrasePair>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                using var doc = JsonDocument.Parse(text);
                string Field(string name) =>
                    doc.RootElement.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                        ? s : throw new DataFormatException(path, line, $"expected a non-empty string field \"{name}\" (fields: adversarial, paraphrase).");
                pairs.Add(new ParaphrasePair(Field("adversarial"), Field("paraphrase")));
            }
            catch (JsonException e) { throw new DataFormatException(path, line, $"not a JSON object: {e.Message}"); }
        }
        if (pairs.Count == 0) throw new DataFormatException(path, 0, "no pairs (expected JSON Lines {\"adversarial\": ..., \"paraphrase\": ...}).");
        return pairs;
    }
}

/// <summary>
/// The paper's English filter of the WildJailbreak eval file (langdetect.detect(adversarial) == 'en' with
/// DetectorFactory.seed = 0, paper-method §2), as a derived flags file: one line per data row of the eval file, in file
/// order, "1" for English and "0" otherwise. langdetect has no faithful .NET port (datasets.md §1.4), so the flags are
/// computed once in Python (README "Paper experiments on a GPU") and read here.
/// </summary>
public static class EnglishFlags
{
    public static IReadOnlyList<bool> Load(string path, int expectedRows)
    {
        var flags = new List<bool>();
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            flags.Add(text.Trim() switch
            {
                "1" => true,
                "0" => false,
                _ => throw new DataFormatException(path, line, $"expected 1 (English) or 0, got '{text.Trim()}'."),
            });
        }
        if (flags.Count != expectedRows)
            throw new DataFormatException(path, 0, $"{flags.Count} flags, but the WildJailbreak eval file has {expectedRows} rows (one flag per row, in file order).");
        return flags;
    }
}
