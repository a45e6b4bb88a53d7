using System.Text.Json;

namespace RefusalSae.Experiments.Data;

/// <summary>Reads a JSON Lines file as (line number, object) pairs; blank lines are skipped, anything else must be one JSON object.</summary>
internal static class JsonLinesSource
{
    public static IEnumerable<(long Line, JsonElement Row)> Read(string path)
    {
        var text = TextSource.ReadText(path);
        var line = 0L;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            var s = raw.TrimEnd('\r');
            if (s.Trim().Length == 0) continue;
            yield return (line, JsonSource.ParseLine(path, line, s));
        }
    }
}
