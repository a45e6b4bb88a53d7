using RefusalSae.Core.Chat;
using RefusalSae.Core.Tokenization;
using RefusalSae.Core.Tokenization.HuggingFace;
using RefusalSae.Testing;

namespace RefusalSae.Core.Tests.Tokenization;

/// <summary>Converts the fixture once for the class and deletes the folder afterwards.</summary>
public sealed class ConvertedLlama3Json : IDisposable
{
    private readonly Lazy<ITextTokenizer> _tokenizer;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"rsw-llama3-json-{Guid.NewGuid():N}");

    public ConvertedLlama3Json() => _tokenizer = new(() =>
    {
        TiktokenToHfJson.Convert(Paths.Fixture("llama3-tokenizer", "tokenizer.model"), _dir);
        return TokenizerLoader.Load(_dir);
    });

    public ITextTokenizer Tokenizer
    {
        get
        {
            ThirdParty.Require(Paths.Fixture("llama3-tokenizer", "tokenizer.model"));
            return _tokenizer.Value;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}

public sealed class Llama3TokenizerJsonTests(ConvertedLlama3Json converted, ITestOutputHelper output) : IClassFixture<ConvertedLlama3Json>
{
    private ITextTokenizer Load() => converted.Tokenizer;

    [Fact]
    public void A_llama3_tokenizer_json_reproduces_every_llama3_golden()
    {
        var t = Load();
        Assert.IsType<HfTokenizer>(t);
        GoldenCases.AssertAllMatch("llama3-tokenizer", t, output);
    }

    [Fact]
    public void A_llama3_tokenizer_json_agrees_with_the_tiktoken_file_and_doubles_bos_for_the_paper()
    {
        var json = Load();
        var tiktoken = FixtureTokenizers.Llama3;
        Assert.Equal((128000, 128009, 128009), (json.BosId!.Value, json.EosId!.Value, json.PadId));
        string[] texts = ["  Hello,\n\n\tWORLD's 12345 ümlaut—dash!!\r\n", "I'm sorry, but I can't assist with that. 😀🔥日本語"];
        foreach (var text in texts)
        {
            Assert.Equal(tiktoken.Encode(text, true), json.Encode(text, true));
            Assert.Equal(text, json.Decode(json.Encode(text, false)));
        }
        var paper = new ChatEncoder(json, ChatFormat.Llama31Paper).Encode("Hi");
        Assert.Equal([128000, 128000, 128006], paper[..3]);
    }
}
