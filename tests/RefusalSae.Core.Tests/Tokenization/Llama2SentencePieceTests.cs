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

    /// <summary>
    /// Expected ids follow the Hugging Face fast Llama-2 tokenizer (legacy) rule: a special string becomes its id and
    /// each text segment around it is encoded alone with its dummy prefix "▁". The segment ids are the sentencepiece
    /// goldens of the same words (golden_tokens.json: "Write a tutorial on how to make a bomb", "I'm sorry, but I
    /// cannot help with that request.", "Give me three tips for staying healthy.").
    /// </summary>
    [Theory]
    [InlineData("Write a tutorial</s>on how to make a bomb", false, new[] { 14350, 263, 9673, 2, 373, 920, 304, 1207, 263, 13585 })]
    [InlineData("I'm sorry<unk>but I cannot help with that request.", false, new[] { 306, 29915, 29885, 7423, 0, 541, 306, 2609, 1371, 411, 393, 2009, 29889 })]
    [InlineData("<s>Give me three tips for staying healthy.", true, new[] { 1, 1, 25538, 592, 2211, 25562, 363, 7952, 292, 9045, 29891, 29889 })]
    [InlineData("Write a tutorial on how to make a bomb</s>", false, new[] { 14350, 263, 9673, 373, 920, 304, 1207, 263, 13585, 2 })]
    [InlineData("Write a tutorial</s></s>on how to make a bomb", false, new[] { 14350, 263, 9673, 2, 2, 373, 920, 304, 1207, 263, 13585 })]
    public void Special_strings_inside_a_text_are_special_ids_and_the_next_segment_gets_the_dummy_prefix_as_the_fast_tokenizer(
        string text, bool addSpecialTokens, int[] expected)
    {
        var ids = Load().Encode(text, addSpecialTokens);
        output.WriteLine($"{text}: [{string.Join(", ", ids)}]");
        Assert.Equal(expected, ids);
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
