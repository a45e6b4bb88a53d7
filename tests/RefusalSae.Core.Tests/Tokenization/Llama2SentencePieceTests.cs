using RefusalSae.Core.Tokenization;
using RefusalSae.Core.Tokenization.MlNet;
using RefusalSae.Testing;

namespace RefusalSae.Core.Tests.Tokenization;

public sealed class Llama2SentencePieceTests(ITestOutputHelper output)
{
    private static ITextTokenizer Load() => FixtureTokenizers.Llama2;

    [Fact]
    public void Every_Llama2_golden_encoding_is_reproduced_exactly() =>
        GoldenCases.AssertAllMatch("llama2-tokenizer", Load(), output);

    [Fact]
    public void A_folder_with_a_sentencepiece_model_loads_it_with_its_special_ids()
    {
        var t = Load();
        Assert.IsType<SentencePieceModel>(t);
        Assert.Equal(32000, t.VocabSize);
        Assert.Equal((1, 2), (t.BosId!.Value, t.EosId!.Value));
        Assert.Equal("▁the", t.IdToToken(278));
    }

    [Theory]
    [InlineData("Résumé of the naïve café owner — 3.14159 × 2 = 6.28")]
    [InlineData("日本語のテキストと emoji 😀🔥")]
    public void Decoding_returns_the_original_text(string text)
    {
        var t = Load();
        Assert.Equal(text, t.Decode(t.Encode(text, addSpecialTokens: true), skipSpecialTokens: true));
    }
}
