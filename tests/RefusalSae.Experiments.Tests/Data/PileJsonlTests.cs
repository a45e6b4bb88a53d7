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
    public void The_head_of_a_zstd_shard_is_decoded_in_process_and_a_truncated_one_is_a_format_error()
    {
        using var tmp = new TempFiles();
        var zst = tmp.Write("00.jsonl.zst", "");
        using (var file = File.Create(zst))
        using (var zstd = new ZstdSharp.CompressionStream(file))
        using (var writer = new StreamWriter(zstd))
            writer.Write(Docs(3000));
        var docs = PileJsonl.LoadHead(zst, 1000);
        Assert.Equal(1000, docs.Count);
        Assert.Equal("doc 999", docs[^1].Text);
        Assert.Equal(1000, docs[^1].Line);
        var truncated = tmp.Write("cut.jsonl.zst", "");
        File.WriteAllBytes(truncated, File.ReadAllBytes(zst)[..(int)(new FileInfo(zst).Length / 2)]);   // an interrupted download
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => PileJsonl.LoadHead(truncated, 3000)).Message);
    }

    [Fact]
    public void A_file_named_zst_that_is_not_zstd_is_a_format_error()
    {
        using var tmp = new TempFiles();
        var path = tmp.Write("00.jsonl.zst", Docs(3));
        var e = Assert.Throws<DataFormatException>(() => PileJsonl.LoadHead(path, 2));
        Assert.Contains("zstd", e.Message);
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
