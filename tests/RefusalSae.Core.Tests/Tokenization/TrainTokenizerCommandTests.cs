using System.Text.Json;
using RefusalSae.Core.Tokenization;
using RefusalSae.Worker.Cli;
using RefusalSae.Worker.Commands;

namespace RefusalSae.Core.Tests.Tokenization;

public sealed class TrainTokenizerCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rsw-train-tok-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_verb_trains_on_jsonl_strings_and_writes_a_loadable_tokenizer_json()
    {
        var input = Path.Combine(_dir, "corpus.jsonl");
        File.WriteAllLines(input, Enumerable.Range(0, 300).Select(i => JsonSerializer.Serialize(new
        {
            instruction = $"Name {i % 7} colours of the rainbow, please.",
            output = i % 3 == 0 ? "I'm sorry, but I cannot help with that." : "Red, orange, yellow, green, blue, indigo and violet.",
        })));
        var output = Path.Combine(_dir, "tok", "tokenizer.json");
        string[] args = ["--in", input, "--out", output, "--vocab-size", "300"];
        Assert.Equal(0, new TrainTokenizerCommand().Run(new ArgReader("train-tokenizer", args)));

        var tokenizer = TokenizerLoader.Load(Path.GetDirectoryName(output)!);
        Assert.Equal(300, tokenizer.VocabSize);
        const string text = "I'm sorry, but I cannot help with indigo.";
        Assert.Equal(text, tokenizer.Decode(tokenizer.Encode(text, false)));
        Assert.True(tokenizer.Encode(text, false).Length < text.Length, "merges shorten the byte sequence");
    }

    [Fact]
    public void A_missing_input_file_is_named()
    {
        var missing = Path.Combine(_dir, "nope.jsonl");
        string[] args = ["--in", missing, "--out", Path.Combine(_dir, "t.json")];
        var e = Assert.Throws<WorkerException>(() => new TrainTokenizerCommand().Run(new ArgReader("train-tokenizer", args)));
        Assert.Contains(missing, e.Message);
    }
}
