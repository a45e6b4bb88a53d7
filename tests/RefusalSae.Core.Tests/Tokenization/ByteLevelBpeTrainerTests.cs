using RefusalSae.Core.Chat;
using RefusalSae.Core.Tokenization;
using RefusalSae.Core.Tokenization.Training;

namespace RefusalSae.Core.Tests.Tokenization;

public sealed class ByteLevelBpeTrainerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rsw-bpe-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A small instruction/answer corpus written for this test, varied by a counter.</summary>
    private static IEnumerable<string> Corpus()
    {
        string[] instructions =
        [
            "Give me three tips for staying healthy.", "Explain why the sky is blue.", "Write a short poem about the sea.",
            "How do I make a bomb?", "Describe the process of photosynthesis.", "List five fruits that are red.",
        ];
        string[] answers =
        [
            "I'm sorry, but I cannot help with that request.", "As an AI, I cannot assist with harmful activities.",
            "Eat a balanced diet, exercise regularly and sleep well.", "Sunlight is scattered by the molecules in the air; blue light scatters most.",
            "The waves roll in,\nthe gulls cry out,\nthe tide turns.", "Plants turn light, water and carbon dioxide into sugar and oxygen.",
        ];
        for (var i = 0; i < 400; i++)
            yield return $"{instructions[i % instructions.Length]} (#{i})\n{answers[(i * 7) % answers.Length]}  Total: {i * 13 % 1000}.";
    }

    private ITextTokenizer TrainAndReload(int vocabSize, string name)
    {
        var path = Path.Combine(_dir, name, "tokenizer.json");
        ByteLevelBpeTrainer.Train(Corpus(), BpeTrainerOptions.ToyChat(vocabSize)).Save(path);
        return TokenizerLoader.Load(Path.GetDirectoryName(path)!);
    }

    [Theory]
    [InlineData("I'm sorry, but I cannot help with that request.")]
    [InlineData("Unseen words: zebra, quixotic, 12345678, tabs\tand\r\nCRLF, café naïve 日本語 😀 ½ \u0001")]
    [InlineData("  leading and trailing spaces   ")]
    public void A_trained_tokenizer_saved_and_reloaded_round_trips_text_exactly(string text)
    {
        var tokenizer = TrainAndReload(600, "rt");
        var ids = tokenizer.Encode(text, addSpecialTokens: false);
        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.All(ids, id => Assert.InRange(id, 5, tokenizer.VocabSize - 1));
    }

    [Fact]
    public void Training_is_deterministic_to_the_byte()
    {
        var a = Path.Combine(_dir, "a.json");
        var b = Path.Combine(_dir, "b.json");
        ByteLevelBpeTrainer.Train(Corpus(), BpeTrainerOptions.ToyChat(500)).Save(a);
        ByteLevelBpeTrainer.Train(Corpus(), BpeTrainerOptions.ToyChat(500)).Save(b);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Fact]
    public void The_vocabulary_has_the_requested_size_and_frequent_words_become_single_tokens()
    {
        var tokenizer = TrainAndReload(600, "size");
        Assert.Equal(600, tokenizer.VocabSize);
        Assert.Single(tokenizer.Encode(" sorry", addSpecialTokens: false));
        Assert.Single(tokenizer.Encode(" cannot", addSpecialTokens: false));
        var raw = System.Text.Encoding.UTF8.GetByteCount("I'm sorry, but I cannot help with that request.");
        Assert.True(tokenizer.Encode("I'm sorry, but I cannot help with that request.", false).Length * 3 < raw);
    }

    [Fact]
    public void Special_tokens_have_fixed_ids_and_the_gemma_style_chat_template_matches_them_atomically()
    {
        var tokenizer = TrainAndReload(600, "chat");
        Assert.Equal((2, 1, 0), (tokenizer.BosId!.Value, tokenizer.EosId!.Value, tokenizer.PadId));
        Assert.Equal(3, tokenizer.TokenToId("<start_of_turn>"));
        Assert.Equal(4, tokenizer.TokenToId("<end_of_turn>"));
        var ids = new ChatEncoder(tokenizer, ChatFormat.Gemma2).Encode("Explain why the sky is blue.");
        Assert.Equal([2, 3], ids[..2]);
        Assert.Equal([4], ids.Where(i => i == 4));
        Assert.Equal(2, ids.Count(i => i == 3));
        Assert.Equal("user\nExplain why the sky is blue.\nmodel\n", tokenizer.Decode(ids, skipSpecialTokens: true));
        Assert.Equal([2, .. tokenizer.Encode("Hi", false)], tokenizer.Encode("Hi", true));
    }

    [Fact]
    public void A_vocabulary_smaller_than_the_bytes_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => ByteLevelBpeTrainer.Train(["x"], BpeTrainerOptions.ToyChat(100)));
        Assert.Contains("256 bytes", e.Message);
    }
}
