using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace RefusalSae.Core.IO;

/// <summary>
/// The header of a numpy .npy array: magic "\x93NUMPY", version (1.0, 2.0 or 3.0), a little-endian header length
/// (u16 for v1, u32 for v2/v3) and a Python dict literal {'descr': '&lt;f4', 'fortran_order': False, 'shape': (a, b), }.
/// v3 differs from v2 only in allowing UTF-8 in the dict (numpy/lib/format.py).
/// </summary>
public sealed partial record NpyHeader(string Descr, bool FortranOrder, long[] Shape, int Major, ScalarType DType, bool BigEndian)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
    public int ElementSize => DType switch
    {
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float16 or ScalarType.Int16 => 2,
        _ => 1,
    };

    /// <summary>Reads the header from <paramref name="s"/>, leaving the stream at the first data byte.</summary>
    public static NpyHeader Read(Stream s, string where)
    {
        Span<byte> prefix = stackalloc byte[8];
        ReadExactly(s, prefix, where, "magic and version");
        if (!prefix[..6].SequenceEqual(Magic))
            throw new InvalidDataException($"{where}: not a .npy array (expected the magic bytes \\x93NUMPY).");
        int major = prefix[6], minor = prefix[7];
        if (major is < 1 or > 3 || minor != 0)
            throw new InvalidDataException($"{where}: .npy format version {major}.{minor} is not supported (1.0, 2.0, 3.0).");
        Span<byte> len = stackalloc byte[4];
        var lenBytes = major == 1 ? 2 : 4;
        ReadExactly(s, len[..lenBytes], where, "header length");
        var headerLength = major == 1 ? BitConverter.ToUInt16(len[..2]) : BitConverter.ToUInt32(len);
        if (headerLength > 1 << 24)
            throw new InvalidDataException($"{where}: .npy header length {headerLength} is implausible (corrupt file).");
        var text = new byte[headerLength];
        ReadExactly(s, text, where, "header dict");
        var dict = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(text);
        return Parse(dict, major, where);
    }

    internal static NpyHeader Parse(string dict, int major, string where)
    {
        var descr = DescrRegex().Match(dict);
        var fortran = FortranRegex().Match(dict);
        var shape = ShapeRegex().Match(dict);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw new InvalidDataException($"{where}: .npy header {dict.Trim()} lacks 'descr', 'fortran_order' or 'shape'.");
        var dims = shape.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => long.TryParse(d.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v
                : throw new InvalidDataException($"{where}: .npy shape '({shape.Groups[1].Value})' has a non-integer dimension '{d}'."))
            .ToArray();
        var d = descr.Groups[1].Value;
        var (dtype, bigEndian) = ParseDescr(d, where);
        return new NpyHeader(d, fortran.Groups[1].Value == "True", dims, major, dtype, bigEndian);
    }

    private static (ScalarType, bool) ParseDescr(string descr, string where)
    {
        if (descr.Length < 3) throw Unsupported(descr, where);
        var order = descr[0];
        var kind = descr[1..];
        ScalarType t = kind switch
        {
            "f4" => ScalarType.Float32, "f8" => ScalarType.Float64, "f2" => ScalarType.Float16,
            "i8" => ScalarType.Int64, "i4" => ScalarType.Int32, "i2" => ScalarType.Int16, "i1" => ScalarType.Int8,
            "u1" => ScalarType.Byte, "b1" => ScalarType.Bool,
            _ => throw Unsupported(descr, where),
        };
        return order switch
        {
            '<' or '|' or '=' => (t, false),
            '>' => (t, true),
            _ => throw Unsupported(descr, where),
        };
    }

    private static InvalidDataException Unsupported(string descr, string where) =>
        new($"{where}: .npy dtype '{descr}' is not supported (expected <f4, <f8, <f2, <i8, <i4, <i2, |i1, |u1, |b1 or their big-endian forms).");

    private static void ReadExactly(Stream s, Span<byte> buffer, string where, string what)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = s.Read(buffer[read..]);
            if (n == 0) throw new InvalidDataException($"{where}: truncated .npy array (ended while reading the {what}).");
            read += n;
        }
    }

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranRegex();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
