namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// The instruction as it is quoted inside a template: trimmed, with a final '.' dropped so that the template's own
/// punctuation follows. Templates only ever quote it, which reads well for questions and commands alike.
/// </summary>
internal static class RequestPhrase
{
    public static string From(string instruction)
    {
        var s = instruction.Trim();
        return s.EndsWith('.') ? s.TrimEnd('.').TrimEnd() : s;
    }
}
