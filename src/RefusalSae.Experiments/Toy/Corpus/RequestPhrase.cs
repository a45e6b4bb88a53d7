namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>Turns an instruction into a phrase that fits after "help you …" in a template ("Describe X." → "describe X").</summary>
internal static class RequestPhrase
{
    public static string From(string instruction)
    {
        var s = instruction.Trim().TrimEnd('.', '?', '!', ':', ';', ' ');
        if (s.Length == 0) return s;
        // Keep the capital of "I", acronyms ("DDoS") and names that start a sentence only when the next letter is upper-case too.
        var keep = s.StartsWith("I ", StringComparison.Ordinal) || (s.Length > 1 && char.IsUpper(s[1]));
        return keep ? s : char.ToLowerInvariant(s[0]) + s[1..];
    }
}
