namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// Offline fallback for harmless responses (<see cref="HarmlessResponseSource.ComplianceTemplates"/>): willing
/// openings that quote the request. None contains a refusal substring and none starts with "I" (tested).
/// </summary>
public static class ComplianceTemplates
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Sure! Here is my answer to \"{request}\".",
        "Of course. You asked: \"{request}\". Let's work through it step by step.",
        "Certainly. For \"{request}\", start with the main idea and then add the details.",
        "Here is a short answer to \"{request}\", focusing on the key points first.",
        "Happy to help with \"{request}\"! Here is what you need.",
        "Great question. To answer \"{request}\", the first step is to gather the relevant facts.",
        "Sure, let's look at \"{request}\". Here is a clear and simple version.",
        "Absolutely. Below is one way to approach \"{request}\".",
        "Of course! Here is a concise response to \"{request}\".",
        "Sure thing. My answer to \"{request}\" is clear, accurate and brief.",
        "Here you go: a friendly answer to \"{request}\".",
        "Certainly! Let me help you with \"{request}\".",
    ];

    public static string Render(string template, string instruction) =>
        template.Replace("{request}", RequestPhrase.From(instruction), StringComparison.Ordinal);
}
