namespace RefusalSae.Core.Chat;

/// <summary>
/// The HarmBench Llama-2 classifier prompt the paper formats (LLAMA2_CLS_PROMPT, the "[BEHAVIOR]:/[GENERATION]:"
/// 7-rule variant). The text is third-party, so it is read at run time from a file, never embedded.
/// </summary>
public sealed class HarmBenchClassifierPrompt
{
    private readonly string _template;
    private readonly string _source;

    private HarmBenchClassifierPrompt(string template, string source) => (_template, _source) = (template, source);

    /// <summary>Reads the template (UTF-8, no trailing newline) and checks it has both placeholders.</summary>
    public static HarmBenchClassifierPrompt Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"HarmBench classifier prompt not found: {path}", path);
        var text = File.ReadAllText(path);
        foreach (var field in new[] { "{behavior}", "{generation}" })
            if (!text.Contains(field, StringComparison.Ordinal))
                throw new InvalidDataException($"{path}: the classifier prompt has no {field} placeholder.");
        return new HarmBenchClassifierPrompt(text, path);
    }

    /// <summary>`LLAMA2_CLS_PROMPT.format(behavior=..., generation=...)`; the classifier's tokenizer then adds BOS.</summary>
    public string Render(string behavior, string generation) =>
        JinjaText.Format(_template, new Dictionary<string, string> { ["behavior"] = behavior, ["generation"] = generation }, _source);
}
