namespace RefusalSae.Core.Chat;

/// <summary>
/// gemma-2-2b-it's chat template (tokenizer_config.json chat_template), byte-exact:
/// `&lt;bos&gt;&lt;start_of_turn&gt;user\n{content|trim}&lt;end_of_turn&gt;\n&lt;start_of_turn&gt;model\n`.
/// No system role; "assistant" is written "model". Also the toy model's template.
/// </summary>
public static class Gemma2ChatTemplate
{
    public static string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt = true)
    {
        if (messages.Count > 0 && messages[0].Role == "system")
            throw new ArgumentException("Gemma-2 chat template: System role not supported.", nameof(messages));
        var sb = new System.Text.StringBuilder("<bos>");
        for (var i = 0; i < messages.Count; i++)
        {
            var m = messages[i];
            if ((m.Role == "user") != (i % 2 == 0))
                throw new ArgumentException("Gemma-2 chat template: Conversation roles must alternate user/assistant/user/assistant/...", nameof(messages));
            var role = m.Role == "assistant" ? "model" : m.Role;
            sb.Append("<start_of_turn>").Append(role).Append('\n').Append(JinjaText.Trim(m.Content)).Append("<end_of_turn>\n");
        }
        if (addGenerationPrompt) sb.Append("<start_of_turn>model\n");
        return sb.ToString();
    }

    /// <summary>One user turn and the generation prompt: what the paper's format_prompt renders.</summary>
    public static string RenderUser(string content) => Render([ChatMessage.User(content)]);
}
