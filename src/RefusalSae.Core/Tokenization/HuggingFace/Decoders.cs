using System.Globalization;
using System.Text;

namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>
/// tokenizer.json "decoder" → a chain over token strings, as HF's decode_chain (Replace, ByteFallback, Fuse, Strip,
/// ByteLevel, Metaspace, Sequence); the final text is the concatenation of what the chain returns.
/// </summary>
internal static class Decoders
{
    public static Func<List<string>, List<string>> Build(JsonConfig? config)
    {
        if (config is not { } c) return tokens => tokens;
        switch (c.Type)
        {
            case "Sequence":
                var parts = c.Items("decoders").Select(d => Build(d)).ToArray();
                return tokens => parts.Aggregate(tokens, (acc, f) => f(acc));
            case "Replace":
                var replace = Normalizers.Replace(c);
                return tokens => tokens.Select(replace).ToList();
            case "ByteFallback":
                return ByteFallback;
            case "Fuse":
                return tokens => [string.Concat(tokens)];
            case "Strip":
                var content = c.String("content");
                int start = c.Int("start", 0), stop = c.Int("stop", 0);
                return tokens => tokens.Select(t => Strip(t, content[0], start, stop)).ToList();
            case "ByteLevel":
                return tokens => [ByteLevelMap.Decode(string.Concat(tokens))];
            case "Metaspace":
                var replacement = c.String("replacement");
                var prepend = (c.OptionalString("prepend_scheme") ?? (c.Bool("add_prefix_space", true) ? "always" : "never")) != "never";
                return tokens => tokens.Select((t, i) =>
                {
                    var s = t.Replace(replacement, " ", StringComparison.Ordinal);
                    return prepend && i == 0 && s.StartsWith(' ') ? s[1..] : s;
                }).ToList();
            default:
                throw c.Unsupported();
        }
    }

    /// <summary>Runs of "&lt;0xXX&gt;" tokens become their UTF-8 text; an invalid run becomes one U+FFFD per byte.</summary>
    private static List<string> ByteFallback(List<string> tokens)
    {
        var output = new List<string>(tokens.Count);
        var bytes = new List<byte>();
        foreach (var t in tokens)
        {
            if (t.Length == 6 && t.StartsWith("<0x", StringComparison.Ordinal) && t[5] == '>' &&
                byte.TryParse(t.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                continue;
            }
            Flush(bytes, output);
            output.Add(t);
        }
        Flush(bytes, output);
        return output;
    }

    private static void Flush(List<byte> bytes, List<string> output)
    {
        if (bytes.Count == 0) return;
        try { output.Add(new UTF8Encoding(false, true).GetString(bytes.ToArray())); }
        catch (DecoderFallbackException) { output.AddRange(bytes.Select(_ => "\uFFFD")); }
        bytes.Clear();
    }

    private static string Strip(string t, char c, int start, int stop)
    {
        int a = 0, z = t.Length;
        while (a < z && a < start && t[a] == c) a++;
        while (z > a && t.Length - z < stop && t[z - 1] == c) z--;
        return t[a..z];
    }
}
