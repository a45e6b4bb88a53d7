using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefusalSae.Workflow.Tests.Rehearsal;

/// <summary>
/// Splits a model.safetensors into model-0000K-of-0000N.safetensors shards plus model.safetensors.index.json, as
/// transformers' save_pretrained does for large models (formats.md §1.4, §4.1). Works on the bytes: each tensor's data
/// is copied unchanged, headers are rewritten with offsets relative to each shard, padded to 8 bytes.
/// </summary>
public static class SafeTensorsShards
{
    public const string IndexFile = "model.safetensors.index.json";

    /// <returns>The shard file names, in order.</returns>
    public static IReadOnlyList<string> Split(string file, string folder, int shards)
    {
        var bytes = File.ReadAllBytes(file);
        var headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength))!.AsObject();
        var dataStart = 8 + headerLength;
        var tensors = header.Where(kv => kv.Key != "__metadata__")
            .Select(kv => (Name: kv.Key, Info: kv.Value!.AsObject(), Begin: kv.Value!["data_offsets"]![0]!.GetValue<long>(), End: kv.Value!["data_offsets"]![1]!.GetValue<long>()))
            .OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var total = tensors.Sum(t => t.End - t.Begin);
        var names = Enumerable.Range(1, shards).Select(k => $"model-{k:D5}-of-{shards:D5}.safetensors").ToList();
        var weightMap = new JsonObject();
        var groups = new List<List<int>>();
        long running = 0;
        for (var i = 0; i < tensors.Count; i++)
        {
            var shard = Math.Min(shards - 1, (int)(running * shards / Math.Max(1, total)));
            while (groups.Count <= shard) groups.Add([]);
            groups[shard].Add(i);
            running += tensors[i].End - tensors[i].Begin;
        }
        if (groups.Count != shards || groups.Any(g => g.Count == 0)) throw new InvalidOperationException($"{file}: too few tensors for {shards} shards");
        for (var k = 0; k < shards; k++)
        {
            var shardHeader = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
            long offset = 0;
            foreach (var i in groups[k])
            {
                var t = tensors[i];
                var length = t.End - t.Begin;
                shardHeader[t.Name] = new JsonObject
                {
                    ["dtype"] = t.Info["dtype"]!.GetValue<string>(),
                    ["shape"] = t.Info["shape"]!.DeepClone(),
                    ["data_offsets"] = new JsonArray(offset, offset + length),
                };
                weightMap[t.Name] = names[k];
                offset += length;
            }
            var json = Encoding.UTF8.GetBytes(shardHeader.ToJsonString());
            var padded = (json.Length + 7) / 8 * 8;
            using var output = File.Create(Path.Combine(folder, names[k]));
            var size = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)padded);
            output.Write(size);
            output.Write(json);
            for (var p = json.Length; p < padded; p++) output.WriteByte((byte)' ');
            foreach (var i in groups[k]) output.Write(bytes, checked((int)(dataStart + tensors[i].Begin)), checked((int)(tensors[i].End - tensors[i].Begin)));
        }
        var index = new JsonObject { ["metadata"] = new JsonObject { ["total_size"] = total }, ["weight_map"] = weightMap };
        File.WriteAllText(Path.Combine(folder, IndexFile), index.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return names;
    }
}
