namespace RefusalSae.Core.Chat;

/// <summary>
/// Llama-3.1-Instruct's chat template without tools, byte-exact. It always writes a system block with the fixed
/// "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n" preamble (the 3.1 template hard-codes the
/// date), followed by the trimmed system message if the conversation starts with one.
/// </summary>
public static class Llama31ChatTemplate
{
    public const string Preamble = "Cutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n";

    public static string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        var system = "";
        var turns = messages;
        if (messages.Count > 0 && messages[0].Role == "system")
            (system, turns) = (JinjaText.Trim(messages[0].Content), messages.Skip(1).ToList());
        var sb = new System.Text.StringBuilder("<|begin_of_text|>");
        sb.Append("<|start_header_id|>system<|end_header_id|>\n\n").Append(Preamble).Append(system).Append("<|eot_id|>");
        foreach (var m in turns)
            sb.Append("<|start_header_id|>").Append(m.Role).Append("<|end_header_id|>\n\n").Append(JinjaText.Trim(m.Content)).Append("<|eot_id|>");
        if (addGenerationPrompt) sb.Append("<|start_header_id|>assistant<|end_header_id|>\n\n");
        return sb.ToString();
    }

    public static string RenderUser(string content) => Render([ChatMessage.User(content)]);
}
