using System.Diagnostics;

namespace RefusalSae.Experiments.Data;

/// <summary>One Pile document (field <c>text</c>); <paramref name="Line"/> is its line in the (decompressed) stream.</summary>
public sealed record PileDocument(long Line, string Text);

/// <summary>
/// Reads the head of a Pile shard (catalog format <c>pile-jsonl-zst</c>): JSON Lines with a <c>text</c> field, either
/// plain (<c>.jsonl</c>, e.g. a derived first-1000 file) or zstd-compressed (<c>.jsonl.zst</c>). .NET 10 has no zstd
/// codec, so a compressed shard is streamed through the <c>zstd</c> command-line tool and only the head is decompressed;
/// the paper reads the first 1,000 documents (paper-method §6.6).
/// </summary>
public static class PileJsonl
{
    public const string Format = "pile-jsonl-zst";

    public static IReadOnlyList<PileDocument> LoadHead(string path, int maxDocuments)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDocuments, 1);
        if (!File.Exists(path)) throw new DataFormatException(path, 0, "file not found");
        if (!path.EndsWith(".zst", StringComparison.Ordinal)) return Parse(path, File.ReadLines(path), maxDocuments);

        var start = new ProcessStartInfo("zstd", ["-dc", "--", path]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try { process = Process.Start(start) ?? throw new InvalidOperationException("zstd did not start"); }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DataFormatException(path, 0, $"reading a .zst shard needs the zstd tool on PATH (apt-get install zstd): {e.Message}");
        }
        using (process)
        {
            var docs = Parse(path, Lines(process.StandardOutput), maxDocuments);
            if (docs.Count < maxDocuments)
            {
                process.WaitForExit();
                if (process.ExitCode != 0)
                    throw new DataFormatException(path, 0, $"zstd failed ({process.ExitCode}): {process.StandardError.ReadToEnd().Trim()}");
            }
            else if (!process.HasExited) process.Kill();   // the head is all we need; the rest of a multi-GB shard stays compressed
            return docs;
        }
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
