namespace RefusalSae.Core.Chat;

/// <summary>How a prompt is turned into model input (the CLI's --chat values).</summary>
public enum ChatFormat
{
    /// <summary>The text as is: no template, no BOS, no special tokens added.</summary>
    None,
    /// <summary>Gemma-2 template; exactly one &lt;bos&gt; (the template's; the paper sets add_bos_token=False).</summary>
    Gemma2,
    /// <summary>Llama-3.1 template as rendered: one &lt;|begin_of_text|&gt;, 26-token preamble.</summary>
    Llama31,
    /// <summary>Llama-3.1 template tokenized with add_special_tokens=True, as the paper does: a doubled BOS.</summary>
    Llama31Paper,
    /// <summary>The HarmBench classifier prompt, tokenized with the classifier's default BOS.</summary>
    HarmBenchClassifier,
}

/// <summary>Names of <see cref="ChatFormat"/> on the command line and in configs.</summary>
public static class ChatFormats
{
    private static readonly Dictionary<string, ChatFormat> ByName = new(StringComparer.Ordinal)
    {
        ["none"] = ChatFormat.None,
        ["gemma2"] = ChatFormat.Gemma2,
        ["llama3.1"] = ChatFormat.Llama31,
        ["llama3.1-paper"] = ChatFormat.Llama31Paper,
        ["harmbench-cls"] = ChatFormat.HarmBenchClassifier,
    };

    public static IEnumerable<string> Names => ByName.Keys;

    public static ChatFormat Parse(string name) =>
        ByName.TryGetValue(name, out var f) ? f
            : throw new ArgumentException($"unknown chat format '{name}'; expected one of {string.Join(", ", ByName.Keys)}.");

    public static string Name(ChatFormat format) => ByName.First(p => p.Value == format).Key;
}
