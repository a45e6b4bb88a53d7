using System.IO.Hashing;
using System.Text;

namespace RefusalSae.Engine.Keys;

/// <summary>XxHash128 as lower-case hex: keys, item names and output digests.</summary>
public static class Hashing
{
    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(XxHash128.Hash(bytes));

    public static string Hex(string text) => Hex(Encoding.UTF8.GetBytes(text));

    public static string File(string path)
    {
        var h = new XxHash128();
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        h.Append(s);
        return Convert.ToHexStringLower(h.GetCurrentHash());
    }

    public static string Sha256File(string path)
    {
        using var s = System.IO.File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s));
    }
}
