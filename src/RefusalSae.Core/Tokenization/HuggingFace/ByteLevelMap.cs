using System.Text;

namespace RefusalSae.Core.Tokenization.HuggingFace;

/// <summary>
/// GPT-2's reversible byte ↔ printable-character map (bytes_to_unicode) used by ByteLevel pre-tokenizers and
/// decoders: printable Latin-1 bytes map to themselves, the other 68 bytes to U+0100 upwards.
/// </summary>
public static class ByteLevelMap
{
    private static readonly char[] ByteToChar = Build();
    private static readonly Dictionary<char, byte> CharToByte =
        Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    private static char[] Build()
    {
        var map = new char[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }

    /// <summary>The UTF-8 bytes of <paramref name="text"/>, each as its mapped character.</summary>
    public static string Encode(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++) chars[i] = ByteToChar[bytes[i]];
        return new string(chars);
    }

    public static char Char(byte b) => ByteToChar[b];

    /// <summary>Maps characters back to bytes and decodes UTF-8 (invalid sequences become U+FFFD, as HF does).</summary>
    public static string Decode(string mapped)
    {
        var bytes = new List<byte>(mapped.Length);
        var sb = new StringBuilder();
        foreach (var c in mapped)
        {
            if (CharToByte.TryGetValue(c, out var b)) { bytes.Add(b); continue; }
            // A character outside the map (an added token's text) is kept as is.
            sb.Append(Encoding.UTF8.GetString(bytes.ToArray())).Append(c);
            bytes.Clear();
        }
        return sb.Append(Encoding.UTF8.GetString(bytes.ToArray())).ToString();
    }
}
