using RefusalSae.Core.Chat;

namespace RefusalSae.Experiments.Paper;

/// <summary>
/// The refusal token of the filter and of the LA-IG metric (the paper's "I"). Chosen as the token a response starting
/// with <paramref name="text"/> begins with: the rendered prompt is encoded with and without the text appended and
/// the first token after the common prefix is taken, so it is the id the model would emit first, not the id of the
/// text tokenised on its own (which can differ with BPE merges across the template's last newline).
/// </summary>
public static class RefusalToken
{
    public static int Resolve(ChatEncoder chat, string text = "I", string probePrompt = "Hello")
    {
        var prompt = chat.Encode(probePrompt);
        var tokenizer = chat.Tokenizer;
        var withText = tokenizer.Encode(chat.Render(probePrompt) + text, addSpecialTokens: chat.Format == ChatFormat.Llama31Paper);
        var n = 0;
        while (n < prompt.Length && n < withText.Length && prompt[n] == withText[n]) n++;
        if (n != prompt.Length || n >= withText.Length)
            throw new InvalidOperationException(
                $"the refusal token: appending \"{text}\" to the rendered prompt changes the prompt's own tokens (common prefix {n} of {prompt.Length}); pick another text.");
        return withText[n];
    }
}
