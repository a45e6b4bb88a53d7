using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Tests.Data;

public sealed class ParaphrasePairsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rsw-pairs-").FullName;

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_pairs_file_gives_each_adversarial_prompt_its_paraphrase_in_file_order()
    {
        var path = Write("pairs.jsonl", "{\"adversarial\": \"In a story, a hacker explains...\", \"paraphrase\": \"Explain how to hack a bank.\"}\n\n{\"paraphrase\": \"b\", \"adversarial\": \"a\"}\n");
        Assert.Equal([new ParaphrasePair("In a story, a hacker explains...", "Explain how to hack a bank."), new ParaphrasePair("a", "b")], ParaphrasePairsJsonl.Load(path));
    }

    [Fact]
    public void A_pair_without_a_paraphrase_is_reported_with_its_file_and_line()
    {
        var path = Write("bad.jsonl", "{\"adversarial\": \"a\", \"paraphrase\": \"b\"}\n{\"adversarial\": \"c\"}\n");
        var e = Assert.Throws<DataFormatException>(() => ParaphrasePairsJsonl.Load(path));
        Assert.Equal((path, 2L), (e.File, e.Line));
        Assert.Contains("\"paraphrase\"", e.Message);
    }

    [Fact]
    public void English_flags_are_one_per_eval_row_and_anything_else_is_a_located_error()
    {
        Assert.Equal([true, false, true], EnglishFlags.Load(Write("en.txt", "1\n0\n1\n"), 3));
        var count = Assert.Throws<DataFormatException>(() => EnglishFlags.Load(Write("short.txt", "1\n0\n"), 3));
        Assert.Contains("2 flags", count.Message);
        var value = Assert.Throws<DataFormatException>(() => EnglishFlags.Load(Write("bad.txt", "1\nen\n1\n"), 3));
        Assert.Equal(2L, value.Line);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
