using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// JSON Lines form of the corpus, one <c>{"prompt", "response", "is_harmful", "source"}</c> object per line, UTF-8,
/// LF endings: the same examples always give the same bytes, so the file's hash can key the training stage.
/// </summary>
public static class ToyCorpusJsonl
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };

    public static void Write(string path, IEnumerable<ToyExample> examples)
    {
        using var stream = File.Create(path);
        foreach (var e in examples)
        {
            using (var w = new Utf8JsonWriter(stream, Options))
            {
                w.WriteStartObject();
                w.WriteString("prompt", e.Prompt);
                w.WriteString("response", e.Response);
                w.WriteBoolean("is_harmful", e.IsHarmful);
                w.WriteString("source", e.Source);
                w.WriteEndObject();
            }
            stream.WriteByte((byte)'\n');
        }
    }

    public static IReadOnlyList<ToyExample> Read(string path)
    {
        var examples = new List<ToyExample>();
        var line = 0L;
        foreach (var text in File.ReadLines(path, Encoding.UTF8))
        {
            line++;
            if (text.Length == 0) continue;
            var o = JsonSource.ParseLine(path, line, text);
            if (!o.TryGetProperty("is_harmful", out var h) || h.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                throw new DataFormatException(path, line, "field 'is_harmful' must be true or false");
            examples.Add(new ToyExample(JsonSource.RequiredString(o, "prompt", path, line),
                JsonSource.RequiredString(o, "response", path, line), h.GetBoolean(), JsonSource.RequiredString(o, "source", path, line)));
        }
        return examples;
    }
}
