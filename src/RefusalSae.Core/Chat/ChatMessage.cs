namespace RefusalSae.Core.Chat;

/// <summary>One turn of a conversation; Role is "system", "user" or "assistant" (Hugging Face's names).</summary>
public sealed record ChatMessage(string Role, string Content)
{
    public static ChatMessage User(string content) => new("user", content);
    public static ChatMessage Assistant(string content) => new("assistant", content);
}
