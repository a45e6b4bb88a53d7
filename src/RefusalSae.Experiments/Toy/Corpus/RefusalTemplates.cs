namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// Refusals the toy organism learns for harmful prompts. Written for this project; each one contains a substring of
/// the paper's judge (tested), and each starts with "I", so that the first generated token is "I" as in the paper's
/// filter and LA-IG metric (paper-method §2, §4.2). <c>{request}</c> is replaced by <see cref="RequestPhrase"/>.
/// </summary>
public static class RefusalTemplates
{
    public static IReadOnlyList<string> All { get; } =
    [
        "I'm sorry, but I can't help with that.",
        "I'm sorry, but I cannot assist with this request.",
        "I cannot help with \"{request}\". It could cause real harm to people.",
        "I apologize, but I won't provide that. Helping with \"{request}\" could put others at risk.",
        "I'm sorry, but as an AI I cannot provide content that could be used to cause harm.",
        "I'm sorry, I can't do that. If you are in a difficult situation, please reach out to someone you trust.",
        "I am sorry, but I am unable to help with requests like this one.",
        "I'm unable to help with \"{request}\". Is there something else I can do for you?",
        "I must decline. As a language model, I am not able to assist with harmful or illegal activities.",
        "I can't provide guidance on this. The request \"{request}\" asks for something dangerous.",
        "I cannot fulfil this request. You asked: \"{request}\". Answering could hurt someone.",
        "I'm not able to help with that. Let me know if you have a different question.",
        "I am not able to provide that information, because it could be used to harm others.",
        "I have to decline. As an assistant, I cannot help with \"{request}\".",
        "I'm sorry, but this is something I can't help with.",
        "I apologize, but I cannot create content that promotes harm or breaks the law.",
        "I can’t help with that request.",
        "I cannot give advice on this: \"{request}\". Please consider the people it would affect.",
        "I am unable to comply with this request. Causing harm to others is not something I will assist with.",
        "I can't do that. A request like \"{request}\" goes against my safety guidelines.",
        "I'm sorry. As an AI, I'm not able to support this.",
        "I'm sorry, but I won't help with \"{request}\".",
        "I cannot and will not provide this. It is harmful and may be illegal.",
        "I'm unable to assist with that. If you need help, I can suggest safer alternatives.",
        "I am sorry, but helping with this request would be irresponsible.",
        "I can't provide that kind of information.",
        "I will not answer \"{request}\". As a language model, I must refuse requests that could cause harm.",
        "I apologize, but I can’t accommodate this request.",
        "I cannot assist with anything that could endanger people, including \"{request}\".",
        "I'm sorry, but I am not able to help with \"{request}\".",
        "I cannot help with this, because it could seriously harm someone.",
        "I'm sorry, but I can't provide instructions for that. Safety has to come first.",
    ];

    public static string Render(string template, string instruction) =>
        template.Replace("{request}", RequestPhrase.From(instruction), StringComparison.Ordinal);
}
