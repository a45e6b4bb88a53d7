using static TorchSharp.torch;

namespace RefusalSae.Core.IO;

/// <summary>Reads one numpy .npy array from a stream into a new CPU tensor (C or Fortran order, any endianness).</summary>
public static class NpyReader
{
    public static Tensor Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: .npy file not found.", path);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        return Read(fs, path);
    }

    /// <summary>Reads header and data; <paramref name="where"/> names the file (and zip entry) in errors.</summary>
    public static Tensor Read(Stream s, string where)
    {
        var h = NpyHeader.Read(s, where);
        // Fortran order is C order of the reversed shape; transposing back gives the logical array.
        var storedShape = h.FortranOrder ? h.Shape.Reverse().ToArray() : h.Shape;
        var t = empty(storedShape, h.DType);
        try
        {
            Fill(s, t, h, where);
            if (h.BigEndian && h.ElementSize > 1) SwapBytes(t, h.ElementSize);
            if (!h.FortranOrder || h.Shape.Length < 2) return t;
            var dims = Enumerable.Range(0, h.Shape.Length).Reverse().Select(i => (long)i).ToArray();
            using var view = t.permute(dims);
            var c = view.contiguous();
            t.Dispose();
            return c;
        }
        catch
        {
            t.Dispose();
            throw;
        }
    }

    private static void Fill(Stream s, Tensor t, NpyHeader h, string where)
    {
        var total = h.ElementCount * h.ElementSize;
        if (total == 0) return;
        // Tensor.bytes spans at most 2^31-1 bytes, so big arrays (a 65k Gemma Scope W_enc is 600 MB) go in chunks.
        var perChunk = (1L << 30) / h.ElementSize;
        using var flat = t.view(-1);
        for (long start = 0; start < h.ElementCount; start += perChunk)
        {
            using var part = flat.narrow(0, start, Math.Min(perChunk, h.ElementCount - start));
            var span = part.bytes;
            var read = 0;
            while (read < span.Length)
            {
                var n = s.Read(span[read..]);
                if (n == 0)
                    throw new InvalidDataException(
                        $"{where}: truncated .npy array: shape ({string.Join(", ", h.Shape)}) {h.Descr} needs {total} data bytes, the stream ended early.");
                read += n;
            }
        }
    }

    private static void SwapBytes(Tensor t, int size)
    {
        var span = t.bytes;
        for (var i = 0; i < span.Length; i += size) span.Slice(i, size).Reverse();
    }
}
