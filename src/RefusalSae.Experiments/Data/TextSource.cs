using System.Text;

namespace RefusalSae.Experiments.Data;

/// <summary>Reads a dataset file as strict UTF-8, so a corrupt byte is reported rather than silently replaced.</summary>
internal static class TextSource
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static byte[] ReadBytes(string path)
    {
        if (!System.IO.File.Exists(path)) throw new DataFormatException(path, 0, "file not found");
        return System.IO.File.ReadAllBytes(path);
    }

    public static string ReadText(string path)
    {
        var bytes = ReadBytes(path);
        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            throw new DataFormatException(path, LineOfOffset(bytes, e.Index), "invalid UTF-8");
        }
    }

    /// <summary>1-based line number of a byte offset.</summary>
    public static long LineOfOffset(ReadOnlySpan<byte> bytes, long offset)
    {
        var end = (int)Math.Clamp(offset, 0, bytes.Length);
        return bytes[..end].Count((byte)'\n') + 1;
    }
}
