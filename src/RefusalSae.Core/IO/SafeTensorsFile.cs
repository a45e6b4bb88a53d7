using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Core.IO;

/// <summary>
/// A safetensors file opened for reading one tensor at a time: 8-byte little-endian header length, a JSON header
/// {name: {dtype, shape, data_offsets}}, then the raw bytes. Reading tensor by tensor keeps peak memory at the size
/// of the model plus one tensor, not twice the file.
/// </summary>
public sealed class SafeTensorsFile : IDisposable
{
    private readonly FileStream _stream;
    private readonly long _dataStart;

    public string Path { get; }
    public IReadOnlyDictionary<string, SafeTensorsEntry> Entries { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }

    private SafeTensorsFile(string path, FileStream stream, long dataStart,
        Dictionary<string, SafeTensorsEntry> entries, Dictionary<string, string> metadata)
    {
        Path = path; _stream = stream; _dataStart = dataStart; Entries = entries; Metadata = metadata;
    }

    public static SafeTensorsFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: safetensors file not found.", path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        try
        {
            Span<byte> len = stackalloc byte[8];
            if (stream.Read(len) != 8) throw new InvalidDataException($"{path}: truncated safetensors file (no 8-byte header length).");
            var headerLength = BitConverter.ToInt64(len);
            if (headerLength <= 0 || headerLength > 100_000_000 || 8 + headerLength > stream.Length)
                throw new InvalidDataException($"{path}: header length {headerLength} does not fit a file of {stream.Length} bytes (truncated or not safetensors).");
            var header = new byte[headerLength];
            stream.ReadExactly(header);
            var dataStart = 8 + headerLength;
            var (entries, metadata) = ParseHeader(path, header, stream.Length - dataStart);
            return new SafeTensorsFile(path, stream, dataStart, entries, metadata);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    public bool Contains(string name) => Entries.ContainsKey(name);

    /// <summary>Reads one tensor into a new CPU tensor of the file's dtype (or converted to <paramref name="dtype"/>).</summary>
    public Tensor Read(string name, ScalarType? dtype = null)
    {
        if (!Entries.TryGetValue(name, out var e))
            throw new KeyNotFoundException($"{Path}: no tensor named '{name}'.");
        var t = torch.empty(e.Shape, SafeTensorsDType.ToScalarType(e.DType, Path, name));
        _stream.Position = _dataStart + e.Begin;
        ReadInto(t, e);
        if (dtype is { } d && d != t.dtype)
        {
            var converted = t.to_type(d);
            t.Dispose();
            return converted;
        }
        return t;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> (same shape; any dtype and device) with tensor <paramref name="name"/>.
    /// A contiguous CPU destination of the file's dtype is filled straight from the file, with no temporary copy.
    /// </summary>
    public void ReadInto(string name, Tensor destination)
    {
        if (!Entries.TryGetValue(name, out var e))
            throw new KeyNotFoundException($"{Path}: no tensor named '{name}'.");
        if (!e.Shape.SequenceEqual(destination.shape))
            throw new InvalidDataException(
                $"{Path}: tensor '{name}' has shape [{string.Join(",", e.Shape)}], expected [{string.Join(",", destination.shape)}].");
        var fileType = SafeTensorsDType.ToScalarType(e.DType, Path, name);
        using var noGrad = torch.no_grad();
        if (fileType == destination.dtype && destination.device_type == DeviceType.CPU && destination.is_contiguous())
        {
            _stream.Position = _dataStart + e.Begin;
            ReadInto(destination, e);
            return;
        }
        using var staged = Read(name);
        destination.copy_(staged);
    }

    /// <summary>Reads every tensor; convenient for small files (fixtures, SAEs, stage outputs).</summary>
    public Dictionary<string, Tensor> ReadAll(ScalarType? dtype = null) =>
        Entries.Keys.ToDictionary(k => k, k => Read(k, dtype));

    public void Dispose() => _stream.Dispose();

    private void ReadInto(Tensor t, SafeTensorsEntry e)
    {
        if (e.ByteCount == 0) return;
        // Tensor.bytes spans at most 2^31-1 bytes, so large tensors are filled through flat chunks.
        const long chunk = 1L << 30;
        if (e.ByteCount <= chunk)
        {
            _stream.ReadExactly(t.bytes);
            return;
        }
        var size = SafeTensorsDType.ElementSize(e.DType);
        using var flat = t.view(-1);
        for (long start = 0; start < e.ElementCount; start += chunk / size)
        {
            var count = Math.Min(chunk / size, e.ElementCount - start);
            using var part = flat.narrow(0, start, count);
            _stream.ReadExactly(part.bytes);
        }
    }

    private static (Dictionary<string, SafeTensorsEntry>, Dictionary<string, string>) ParseHeader(string path, byte[] header, long dataLength)
    {
        using var doc = JsonDocument.Parse(header);
        var entries = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Name == "__metadata__")
            {
                foreach (var m in p.Value.EnumerateObject()) metadata[m.Name] = m.Value.GetString() ?? "";
                continue;
            }
            var dtype = p.Value.GetProperty("dtype").GetString()!;
            var shape = p.Value.GetProperty("shape").EnumerateArray().Select(x => x.GetInt64()).ToArray();
            var offsets = p.Value.GetProperty("data_offsets").EnumerateArray().Select(x => x.GetInt64()).ToArray();
            var e = new SafeTensorsEntry(p.Name, dtype, shape, offsets[0], offsets[1]);
            SafeTensorsDType.ToScalarType(dtype, path, p.Name);
            if (e.ByteCount != e.ElementCount * SafeTensorsDType.ElementSize(dtype))
                throw new InvalidDataException($"{path}: tensor '{p.Name}' has shape [{string.Join(",", shape)}] {dtype} but {e.ByteCount} bytes.");
            if (e.End > dataLength)
                throw new InvalidDataException($"{path}: tensor '{p.Name}' ends at byte {e.End} but the data section has {dataLength} bytes (truncated file).");
            entries[p.Name] = e;
        }
        return (entries, metadata);
    }
}
