using RefusalSae.Core.Tokenization;
using RefusalSae.Core.Tokenization.MlNet;
using RefusalSae.Testing;

namespace RefusalSae.Core.Tests.Tokenization;

public sealed class Llama3TiktokenTests(ITestOutputHelper output)
{
    private static ITextTokenizer Load() => FixtureTokenizers.Llama3;

    [Fact]
    public void Every_Llama3_golden_encoding_is_reproduced_exactly() =>
        GoldenCases.AssertAllMatch("llama3-tokenizer", Load(), output);

    [Fact]
    public void The_loader_recognises_the_tiktoken_format_and_adds_the_special_tokens()
    {
        var t = Load();
        Assert.IsType<Llama3Tiktoken>(t);
        Assert.Equal(128256, t.VocabSize);
        Assert.Equal(128009, t.TokenToId("<|eot_id|>"));
        Assert.Equal("<|reserved_special_token_247|>", t.IdToToken(128255));
        Assert.Equal("Ġthe", t.IdToToken(279));
        Assert.Equal((128000, 128009), (t.BosId!.Value, t.EosId!.Value));
    }

    [Fact]
    public void Add_special_tokens_prepends_begin_of_text()
    {
        var t = Load();
        Assert.Equal([128000, 8144, 264], t.Encode("Write a", addSpecialTokens: true));
    }

    [Theory]
    [InlineData("Translate 'café naïve 日本語 😀' to English; cost: $1,234.56?")]
    [InlineData("<|start_header_id|>user<|end_header_id|>\n\n  two  spaces\r\n\tand tabs\n")]
    public void Decoding_returns_the_original_text(string text)
    {
        var t = Load();
        Assert.Equal(text, t.Decode(t.Encode(text, addSpecialTokens: false)));
    }
}
