namespace RefusalSae.Experiments.Data;

/// <summary>One Pile document (field <c>text</c>); <paramref name="Line"/> is its line in the (decompressed) stream.</summary>
public sealed record PileDocument(long Line, string Text);

/// <summary>
/// Reads the head of a Pile shard (catalog format <c>pile-jsonl-zst</c>): JSON Lines with a <c>text</c> field, either
/// plain (<c>.jsonl</c>, e.g. a derived first-1000 file) or zstd-compressed (<c>.jsonl.zst</c>, decoded in-process by
/// ZstdSharp.Port as a stream, so only the head is decompressed); the paper reads the first 1,000 documents
/// (paper-method §6.6).
/// </summary>
public static class PileJsonl
{
    public const string Format = "pile-jsonl-zst";

    public static IReadOnlyList<PileDocument> LoadHead(string path, int maxDocuments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDocuments, 1);
        if (!File.Exists(path)) throw new DataFormatException(path, 0, "file not found");
        if (!path.EndsWith(".zst", StringComparison.Ordinal)) return Parse(path, File.ReadLines(path), maxDocuments);
        try
        {
            // Decoded in-process as a stream: only the head of a multi-GB shard is ever decompressed.
            using var file = File.OpenRead(path);
            using var zstd = new ZstdSharp.DecompressionStream(file);
            using var reader = new StreamReader(zstd);
            return Parse(path, Lines(reader), maxDocuments);
        }
        catch (ZstdSharp.ZstdException e) { throw new DataFormatException(path, 0, $"not a valid zstd stream: {e.Message}"); }
        catch (EndOfStreamException) { throw new DataFormatException(path, 0, $"the zstd stream is truncated before {maxDocuments} documents (an interrupted download?)."); }
    }

    private static IEnumerable<string> Lines(StreamReader reader)
    {
        while (reader.ReadLine() is { } line) yield return line;
    }

    private static List<PileDocument> Parse(string path, IEnumerable<string> lines, int maxDocuments)
    {
        var docs = new List<PileDocument>(maxDocuments);
        var n = 0L;
        foreach (var text in lines)
        {
            n++;
            if (text.Trim().Length == 0) continue;
            var row = JsonSource.ParseLine(path, n, text);
            docs.Add(new PileDocument(n, JsonSource.RequiredString(row, "text", path, n)));
            if (docs.Count == maxDocuments) break;
        }
        return docs;
    }
}
