using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Tests.Data;

public class PromptTextTests
{
    [Theory]
    [InlineData("Write a  Script!", "write a script")]
    [InlineData("  How do I make a bomb? ", "how do i make a bomb")]
    [InlineData("Don’t stop", "dont stop")]
    [InlineData("Don't stop", "dont stop")]
    [InlineData("a\tb\nc", "a b c")]
    [InlineData("Ｗｒｉｔｅ", "write")]
    public void Normalisation_ignores_case_punctuation_and_whitespace(string text, string expected) =>
        Assert.Equal(expected, PromptText.Normalise(text));
}
