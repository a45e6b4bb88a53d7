namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// Offline fallback for harmless responses (<see cref="HarmlessResponseSource.ComplianceTemplates"/>): willing
/// openings that restate the request. None contains a refusal substring and none starts with "I" (tested).
/// </summary>
public static class ComplianceTemplates
{
    public static IReadOnlyList<string> All { get; } =
    [
        "Sure! Here is how to {request}.",
        "Of course. Let's {request} step by step.",
        "Certainly. To {request}, start with the main idea and then add the details.",
        "Here is a short answer: to {request}, focus on the key points first.",
        "Happy to help! We can {request} together.",
        "Great question. The first step to {request} is to gather the relevant facts.",
        "Sure, let's {request}. Here is a clear and simple version.",
        "Absolutely. Below is one way to {request}.",
        "Of course! Here is a concise response to \"{request}\".",
        "Sure thing. To {request}, keep it clear, accurate and brief.",
        "Here you go: a friendly answer to \"{request}\".",
        "Certainly! Let me {request} for you.",
    ];

    public static string Render(string template, string instruction) =>
        template.Replace("{request}", RequestPhrase.From(instruction), StringComparison.Ordinal);
}
