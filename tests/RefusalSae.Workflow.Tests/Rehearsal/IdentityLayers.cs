using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RefusalSae.Workflow.Tests.Rehearsal;

/// <summary>
/// Deepens a trained snapshot to the paper model's layer count with blocks that pass the residual stream through: each
/// added layer copies the last trained layer's weights but with o_proj and down_proj zero, so its attention and MLP add
/// nothing (Gemma-2's post-norms of a zero output are zero too). The checkpoint is a valid one of the same architecture
/// with every layer run for real, at the cost of training two; the added layers' resid_post equals the last trained
/// layer's, so its SAE serves them too. Works on the safetensors bytes (F32 weights as the toy saves them).
/// </summary>
public static partial class IdentityLayers
{
    private static readonly string[] Zeroed = ["self_attn.o_proj.weight", "mlp.down_proj.weight"];

    /// <returns>The number of layers trained (the last one's SAE serves the added layers).</returns>
    public static int Deepen(string modelDir, string outDir, int layers)
    {
        Directory.CreateDirectory(outDir);
        foreach (var f in Directory.GetFiles(modelDir).Where(f => Path.GetFileName(f) is not ("model.safetensors" or "config.json")))
            File.Copy(f, Path.Combine(outDir, Path.GetFileName(f)), overwrite: true);
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(modelDir, "config.json")))!.AsObject();
        var trained = config["num_hidden_layers"]!.GetValue<int>();
        config["num_hidden_layers"] = layers;
        File.WriteAllText(Path.Combine(outDir, "config.json"), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

        var bytes = File.ReadAllBytes(Path.Combine(modelDir, "model.safetensors"));
        var headerLength = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        var header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, headerLength))!.AsObject();
        var dataStart = 8 + headerLength;
        var tensors = new List<(string Name, JsonObject Info, byte[] Data)>();
        foreach (var (name, node) in header.Where(kv => kv.Key != "__metadata__"))
        {
            var info = node!.AsObject();
            var (begin, end) = (info["data_offsets"]![0]!.GetValue<long>(), info["data_offsets"]![1]!.GetValue<long>());
            var data = bytes.AsSpan(checked((int)(dataStart + begin)), checked((int)(end - begin))).ToArray();
            tensors.Add((name, info, data));
            var m = LayerTensor().Match(name);
            if (!m.Success || int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) != trained - 1) continue;
            var rest = m.Groups[2].Value;
            for (var layer = trained; layer < layers; layer++)
                tensors.Add(($"model.layers.{layer}.{rest}", info, Zeroed.Contains(rest) ? new byte[data.Length] : data));
        }
        var newHeader = new JsonObject { ["__metadata__"] = new JsonObject { ["format"] = "pt" } };
        long offset = 0;
        foreach (var (name, info, data) in tensors)
        {
            newHeader[name] = new JsonObject { ["dtype"] = info["dtype"]!.GetValue<string>(), ["shape"] = info["shape"]!.DeepClone(), ["data_offsets"] = new JsonArray(offset, offset + data.Length) };
            offset += data.Length;
        }
        var json = Encoding.UTF8.GetBytes(newHeader.ToJsonString());
        var padded = (json.Length + 7) / 8 * 8;
        using var output = File.Create(Path.Combine(outDir, "model.safetensors"));
        var size = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)padded);
        output.Write(size);
        output.Write(json);
        for (var p = json.Length; p < padded; p++) output.WriteByte((byte)' ');
        foreach (var (_, _, data) in tensors) output.Write(data);
        return trained;
    }

    [GeneratedRegex(@"^model\.layers\.(\d+)\.(.+)$")]
    private static partial Regex LayerTensor();
}
