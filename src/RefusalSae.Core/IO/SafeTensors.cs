using System.Text;
using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.IO;

/// <summary>Whole-file safetensors helpers. Writes are atomic: a temporary sibling, then a rename.</summary>
public static class SafeTensors
{
    public static Dictionary<string, Tensor> Load(string path, ScalarType? dtype = null)
    {
        using var f = SafeTensorsFile.Open(path);
        return f.ReadAll(dtype);
    }

    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var names = tensors.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();
        var cpu = names.ToDictionary(n => n, n => tensors[n].detach().cpu().contiguous());
        try
        {
            using var ms = new MemoryStream();
            using (var w = new Utf8JsonWriter(ms))
            {
                w.WriteStartObject();
                if (metadata is { Count: > 0 })
                {
                    w.WriteStartObject("__metadata__");
                    foreach (var (k, v) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteString(k, v);
                    w.WriteEndObject();
                }
                long offset = 0;
                foreach (var n in names)
                {
                    var t = cpu[n];
                    var bytes = t.NumberOfElements * t.ElementSize;
                    w.WriteStartObject(n);
                    w.WriteString("dtype", SafeTensorsDType.FromScalarType(t.dtype));
                    w.WriteStartArray("shape");
                    foreach (var s in t.shape) w.WriteNumberValue(s);
                    w.WriteEndArray();
                    w.WriteStartArray("data_offsets");
                    w.WriteNumberValue(offset);
                    w.WriteNumberValue(offset + bytes);
                    w.WriteEndArray();
                    w.WriteEndObject();
                    offset += bytes;
                }
                w.WriteEndObject();
            }
            // The header is padded with spaces to a multiple of 8 so the data section is aligned, as the reference writer does.
            var header = ms.ToArray();
            var padded = (header.Length + 7) / 8 * 8;
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
            Directory.CreateDirectory(dir);
            var tmp = System.IO.Path.Combine(dir, $".{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
            using (var fs = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                fs.Write(BitConverter.GetBytes((long)padded));
                fs.Write(header);
                for (var i = header.Length; i < padded; i++) fs.WriteByte((byte)' ');
                foreach (var n in names) WriteTensor(fs, cpu[n]);
            }
            File.Move(tmp, path, overwrite: true);
        }
        finally
        {
            foreach (var t in cpu.Values) t.Dispose();
        }
    }

    private static void WriteTensor(Stream s, Tensor t)
    {
        if (t.NumberOfElements == 0) return;
        const long chunk = 1L << 30;
        var bytes = t.NumberOfElements * t.ElementSize;
        if (bytes <= chunk) { s.Write(t.bytes); return; }
        using var flat = t.view(-1);
        var per = chunk / t.ElementSize;
        for (long start = 0; start < t.NumberOfElements; start += per)
        {
            using var part = flat.narrow(0, start, Math.Min(per, t.NumberOfElements - start));
            s.Write(part.bytes);
        }
    }

    internal static string Describe(Tensor t) => $"{t.dtype}[{string.Join(",", t.shape)}]";
}
