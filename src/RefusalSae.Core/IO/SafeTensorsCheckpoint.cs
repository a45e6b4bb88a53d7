using System.Text.Json;
using static TorchSharp.torch;

namespace RefusalSae.Core.IO;

/// <summary>
/// The weights of a Hugging Face snapshot folder: model.safetensors, or model.safetensors.index.json with its
/// shards (formats.md §1.4). Tensors are read one at a time; each name lives in exactly one file.
/// </summary>
public sealed class SafeTensorsCheckpoint : IDisposable
{
    public const string SingleFile = "model.safetensors";
    public const string IndexFile = "model.safetensors.index.json";

    private readonly Dictionary<string, SafeTensorsFile> _byTensor;
    private readonly List<SafeTensorsFile> _files;

    private SafeTensorsCheckpoint(List<SafeTensorsFile> files, Dictionary<string, SafeTensorsFile> byTensor)
    {
        _files = files; _byTensor = byTensor;
    }

    public IReadOnlyCollection<string> TensorNames => _byTensor.Keys;

    public long TotalBytes => _files.Sum(f => new FileInfo(f.Path).Length);

    public static SafeTensorsCheckpoint Open(string folder)
    {
        var index = System.IO.Path.Combine(folder, IndexFile);
        var single = System.IO.Path.Combine(folder, SingleFile);
        if (File.Exists(index)) return OpenSharded(folder, index);
        if (!File.Exists(single))
            throw new FileNotFoundException($"{folder}: no {SingleFile} or {IndexFile} in the model folder.", single);
        var f = SafeTensorsFile.Open(single);
        return new SafeTensorsCheckpoint([f], f.Entries.Keys.ToDictionary(k => k, _ => f, StringComparer.Ordinal));
    }

    public bool Contains(string name) => _byTensor.ContainsKey(name);

    public SafeTensorsEntry Entry(string name) => FileOf(name).Entries[name];

    /// <summary>The file that holds <paramref name="name"/> (for error messages).</summary>
    public string PathOf(string name) => FileOf(name).Path;

    public void ReadInto(string name, Tensor destination) => FileOf(name).ReadInto(name, destination);

    public Tensor Read(string name, ScalarType? dtype = null) => FileOf(name).Read(name, dtype);

    public void Dispose()
    {
        foreach (var f in _files) f.Dispose();
    }

    private SafeTensorsFile FileOf(string name) => _byTensor.TryGetValue(name, out var f)
        ? f : throw new KeyNotFoundException($"checkpoint has no tensor named '{name}' (files: {string.Join(", ", _files.Select(x => x.Path))}).");

    private static SafeTensorsCheckpoint OpenSharded(string folder, string index)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(index));
        if (!doc.RootElement.TryGetProperty("weight_map", out var map) || map.ValueKind != JsonValueKind.Object)
            throw new InvalidDataException($"{index}: no \"weight_map\" object.");
        var files = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
        var byTensor = new Dictionary<string, SafeTensorsFile>(StringComparer.Ordinal);
        try
        {
            foreach (var p in map.EnumerateObject())
            {
                var shard = p.Value.GetString() ?? throw new InvalidDataException($"{index}: weight_map['{p.Name}'] is not a file name.");
                if (!files.TryGetValue(shard, out var f))
                    files[shard] = f = SafeTensorsFile.Open(System.IO.Path.Combine(folder, shard));
                if (!f.Contains(p.Name))
                    throw new InvalidDataException($"{f.Path}: tensor '{p.Name}' listed in {index} is not in this shard.");
                byTensor[p.Name] = f;
            }
        }
        catch
        {
            foreach (var f in files.Values) f.Dispose();
            throw;
        }
        return new SafeTensorsCheckpoint(files.Values.ToList(), byTensor);
    }
}
