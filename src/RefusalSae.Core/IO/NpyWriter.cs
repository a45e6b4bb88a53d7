using System.Globalization;
using System.Text;
using static TorchSharp.torch;

namespace RefusalSae.Core.IO;

/// <summary>Writes a tensor as a little-endian C-order .npy array (format 1.0, or 2.0/3.0 on request).</summary>
public static class NpyWriter
{
    public static void Write(Stream s, Tensor tensor, int major = 1)
    {
        if (major is < 1 or > 3) throw new ArgumentOutOfRangeException(nameof(major), "npy versions are 1, 2 and 3");
        using var t = tensor.detach().cpu().contiguous();
        var shape = t.shape.Length switch
        {
            0 => "()",
            1 => $"({t.shape[0]},)",
            _ => "(" + string.Join(", ", t.shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + ")",
        };
        var dict = $"{{'descr': '{Descr(t.dtype)}', 'fortran_order': False, 'shape': {shape}, }}";
        // numpy pads the dict with spaces and a final '\n' so that the data starts on a 64-byte boundary.
        var prefix = 6 + 2 + (major == 1 ? 2 : 4);
        var length = (prefix + dict.Length + 1 + 63) / 64 * 64 - prefix;
        var header = Encoding.Latin1.GetBytes(dict.PadRight(length - 1) + "\n");
        s.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)major, 0]);
        if (major == 1) s.Write(BitConverter.GetBytes((ushort)header.Length));
        else s.Write(BitConverter.GetBytes((uint)header.Length));
        s.Write(header);
        if (t.NumberOfElements > 0) s.Write(t.bytes);
    }

    private static string Descr(ScalarType t) => t switch
    {
        ScalarType.Float32 => "<f4", ScalarType.Float64 => "<f8", ScalarType.Float16 => "<f2",
        ScalarType.Int64 => "<i8", ScalarType.Int32 => "<i4", ScalarType.Int16 => "<i2", ScalarType.Int8 => "|i1",
        ScalarType.Byte => "|u1", ScalarType.Bool => "|b1",
        _ => throw new ArgumentException($"dtype {t} has no numpy equivalent"),
    };
}
