using System.Diagnostics;
using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Tests.Data;

public class PileJsonlTests
{
    private static string Docs(int n) =>
        string.Concat(Enumerable.Range(0, n).Select(i => $"{{\"text\": \"doc {i}\", \"meta\": {{\"pile_set_name\": \"x\"}}}}\n"));

    [Fact]
    public void The_head_of_a_plain_JSONL_file_is_read_in_order()
    {
        using var tmp = new TempFiles();
        var docs = PileJsonl.LoadHead(tmp.Write("head.jsonl", Docs(5)), 3);
        Assert.Equal(["doc 0", "doc 1", "doc 2"], docs.Select(d => d.Text));
    }

    [Fact]
    public void The_head_of_a_zstd_shard_is_read_through_the_zstd_tool()
    {
        using var tmp = new TempFiles();
        var plain = tmp.Write("00.jsonl", Docs(3000));
        var zst = plain + ".zst";
        try
        {
            using var p = Process.Start(new ProcessStartInfo("zstd", ["-q", plain, "-o", zst]) { UseShellExecute = false })!;
            p.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception) { Assert.Skip("zstd tool absent (apt-get install zstd)"); }
        var docs = PileJsonl.LoadHead(zst, 1000);
        Assert.Equal(1000, docs.Count);
        Assert.Equal("doc 999", docs[^1].Text);
        Assert.Equal(1000, docs[^1].Line);
    }

    [Fact]
    public void A_document_without_text_is_reported_with_its_line()
    {
        using var tmp = new TempFiles();
        var path = tmp.Write("bad.jsonl", Docs(2) + "{\"meta\": {}}\n");
        var e = Assert.Throws<DataFormatException>(() => PileJsonl.LoadHead(path, 10));
        Assert.Equal(3, e.Line);
        Assert.Contains("'text'", e.Message);
    }
}
