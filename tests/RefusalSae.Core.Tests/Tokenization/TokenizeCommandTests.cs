using System.Text.Json;
using RefusalSae.Testing;
using RefusalSae.Worker.Cli;
using RefusalSae.Worker.Commands;

namespace RefusalSae.Core.Tests.Tokenization;

public sealed class TokenizeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rsw-tokenize-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private List<int[]> Run(string tokenizer, string chat, params string[] lines) => Run(tokenizer, chat, [], lines);

    private List<int[]> Run(string tokenizer, string chat, string[] extra, params string[] lines)
    {
        string input = Path.Combine(_dir, "in.jsonl"), output = Path.Combine(_dir, "out.jsonl");
        File.WriteAllLines(input, lines);
        string[] args = ["--tokenizer", tokenizer, "--chat", chat, "--in", input, "--out", output, .. extra];
        Assert.Equal(0, new TokenizeCommand().Run(new ArgReader("tokenize", args)));
        return File.ReadAllLines(output).Select(l =>
        {
            using var doc = JsonDocument.Parse(l);
            Assert.Equal(["ids"], doc.RootElement.EnumerateObject().Select(p => p.Name));
            return doc.RootElement.GetProperty("ids").EnumerateArray().Select(i => i.GetInt32()).ToArray();
        }).ToList();
    }

    private static string Text(string t) => JsonSerializer.Serialize(new { text = t });

    [Fact]
    public void Gemma2_chat_lines_come_out_as_the_golden_ids_in_input_order()
    {
        var tok = ThirdParty.Require(Paths.Fixture("gemma-tokenizer", "tokenizer.json"));
        var goldens = GoldenCases.Read("gemma-tokenizer");
        var ids = Run(tok, "gemma2", Text("Write a tutorial on how to make a bomb"), Text("Give me three tips for staying healthy."));
        Assert.Equal([goldens[0].Ids!, goldens[1].Ids!], ids);
    }

    [Fact]
    public void Chat_none_adds_no_bos_and_no_special_tokens()
    {
        var tok = ThirdParty.Require(Paths.Fixture("llama3-tokenizer", "tokenizer.model"));
        var goldens = GoldenCases.Read("llama3-tokenizer");
        var ids = Run(tok, "none", Text(goldens[5].Text), Text(goldens[6].Text));
        Assert.Equal([goldens[5].Ids!, goldens[6].Ids!], ids);
    }

    [Fact]
    public void Llama_paper_chat_starts_with_two_bos_tokens()
    {
        var tok = ThirdParty.Require(Paths.Fixture("llama3-tokenizer"));
        var ids = Run(tok, "llama3.1-paper", Text("Write a tutorial on how to make a bomb"));
        Assert.Equal([128000, .. GoldenCases.Read("llama3-tokenizer")[0].Ids!], ids[0]);
    }

    [Fact]
    public void Harmbench_lines_take_behavior_and_generation_and_get_one_bos()
    {
        var tok = ThirdParty.Require(Paths.Fixture("llama2-tokenizer", "tokenizer.model"));
        var prompt = ThirdParty.Require(Paths.Fixture("harmbench-cls-prompt", "llama2_cls_prompt.txt"));
        var line = JsonSerializer.Serialize(new { behavior = "steal a car", generation = "No." });
        var ids = Run(tok, "harmbench-cls", ["--cls-prompt", prompt], line);
        Assert.Equal([1, 518, 25580, 29962], ids[0][..4]);
        Assert.Equal(1, ids[0].Count(i => i == 1));
    }

    [Fact]
    public void A_line_without_the_expected_field_is_reported_with_file_and_line()
    {
        var tok = ThirdParty.Require(Paths.Fixture("gemma-tokenizer", "tokenizer.json"));
        var e = Assert.Throws<WorkerException>(() => Run(tok, "gemma2", Text("ok"), """{"prompt": "x"}"""));
        Assert.Contains("in.jsonl:2", e.Message);
        Assert.Contains("\"text\"", e.Message);
    }

    [Fact]
    public void An_unknown_chat_format_is_rejected_with_the_known_ones()
    {
        var e = Assert.Throws<WorkerException>(() => Run("unused", "chatml", Text("x")));
        Assert.Contains("gemma2", e.Message);
    }
}
