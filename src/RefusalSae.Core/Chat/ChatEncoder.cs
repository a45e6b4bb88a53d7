using RefusalSae.Core.Tokenization;

namespace RefusalSae.Core.Chat;

/// <summary>
/// Renders a prompt with a <see cref="ChatFormat"/> and tokenizes it the way the paper does: render with
/// tokenize=False, then tokenize the string (add_special_tokens off for Gemma, on for Llama-3.1-paper and the classifier).
/// </summary>
public sealed class ChatEncoder(ITextTokenizer tokenizer, ChatFormat format, HarmBenchClassifierPrompt? classifierPrompt = null)
{
    public ITextTokenizer Tokenizer { get; } = tokenizer;
    public ChatFormat Format { get; } = format;

    /// <summary>The string the model sees for one user prompt (before tokenization).</summary>
    public string Render(string prompt) => Format switch
    {
        ChatFormat.None => prompt,
        ChatFormat.Gemma2 => Gemma2ChatTemplate.RenderUser(prompt),
        ChatFormat.Llama31 or ChatFormat.Llama31Paper => Llama31ChatTemplate.RenderUser(prompt),
        ChatFormat.HarmBenchClassifier => throw new InvalidOperationException("harmbench-cls takes a behavior and a generation; call EncodeClassifier."),
        _ => throw new ArgumentOutOfRangeException(nameof(Format), Format, null),
    };

    public int[] Encode(string prompt) => Tokenizer.Encode(Render(prompt), addSpecialTokens: Format == ChatFormat.Llama31Paper);

    /// <summary>The HarmBench classifier input for one (behavior, generation) pair, with the tokenizer's BOS.</summary>
    public int[] EncodeClassifier(string behavior, string generation)
    {
        if (Format != ChatFormat.HarmBenchClassifier || classifierPrompt is null)
            throw new InvalidOperationException("EncodeClassifier needs ChatFormat.HarmBenchClassifier and the classifier prompt file.");
        return Tokenizer.Encode(classifierPrompt.Render(behavior, generation), addSpecialTokens: true);
    }
}
