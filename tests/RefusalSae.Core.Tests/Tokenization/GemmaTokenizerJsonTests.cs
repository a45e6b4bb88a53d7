using RefusalSae.Core.Tokenization;
using RefusalSae.Core.Tokenization.HuggingFace;
using RefusalSae.Testing;

namespace RefusalSae.Core.Tests.Tokenization;

public sealed class GemmaTokenizerJsonTests(ITestOutputHelper output)
{
    private static ITextTokenizer Load() => FixtureTokenizers.Gemma;

    [Fact]
    public void Every_Gemma_golden_encoding_is_reproduced_exactly() =>
        GoldenCases.AssertAllMatch("gemma-tokenizer", Load(), output);

    [Fact]
    public void Gemma_special_ids_are_read_from_the_tokenizer_files()
    {
        var t = Load();
        Assert.Equal((2, 1, 0), (t.BosId!.Value, t.EosId!.Value, t.PadId));
        Assert.Equal(256000, t.VocabSize);
        Assert.Equal(106, t.TokenToId("<start_of_turn>"));
        Assert.Equal("<end_of_turn>", t.IdToToken(107));
    }

    [Fact]
    public void Add_special_tokens_prepends_one_bos_as_the_post_processor_says()
    {
        var t = Load();
        Assert.Equal([2, 5559, 476], t.Encode("Write a", addSpecialTokens: true));
        Assert.Equal([5559, 476], t.Encode("Write a", addSpecialTokens: false));
    }

    [Theory]
    [InlineData("Translate 'café naïve 日本語 😀' to English; cost: $1,234.56?")]
    [InlineData("  Explain photosynthesis\n\n in 2 sentences.\n")]
    [InlineData("<start_of_turn>user\nhi<end_of_turn>\n")]
    [InlineData("rare: \u0001\u00ad ⅋ 𝔘")]
    public void Decoding_returns_the_original_text(string text)
    {
        var t = Load();
        Assert.Equal(text, t.Decode(t.Encode(text, addSpecialTokens: false)));
    }

    [Fact]
    public void Special_tokens_are_dropped_on_request_when_decoding()
    {
        var t = Load();
        var ids = t.Encode("<bos><start_of_turn>user\nhi", addSpecialTokens: false);
        Assert.Equal("user\nhi", t.Decode(ids, skipSpecialTokens: true));
    }
}
