using RefusalSae.Core.Tokenization;
using RefusalSae.Testing;

namespace RefusalSae.Core.Tests.Tokenization;

/// <summary>The fixture tokenizers, loaded once per test run (skipping, named, when a file is absent).</summary>
internal static class FixtureTokenizers
{
    private static readonly Lazy<ITextTokenizer> GemmaLazy = new(() => TokenizerLoader.Load(Paths.Fixture("gemma-tokenizer", "tokenizer.json")));
    private static readonly Lazy<ITextTokenizer> Llama3Lazy = new(() => TokenizerLoader.Load(Paths.Fixture("llama3-tokenizer", "tokenizer.model")));
    private static readonly Lazy<ITextTokenizer> Llama2Lazy = new(() => TokenizerLoader.Load(Paths.Fixture("llama2-tokenizer")));

    public static ITextTokenizer Gemma => Get(GemmaLazy, "gemma-tokenizer", "tokenizer.json");
    public static ITextTokenizer Llama3 => Get(Llama3Lazy, "llama3-tokenizer", "tokenizer.model");
    public static ITextTokenizer Llama2 => Get(Llama2Lazy, "llama2-tokenizer", "tokenizer.model");

    private static ITextTokenizer Get(Lazy<ITextTokenizer> lazy, string folder, string file)
    {
        ThirdParty.Require(Paths.Fixture(folder, file));
        return lazy.Value;
    }
}
