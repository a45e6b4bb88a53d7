using RefusalSae.Core.IO;
using RefusalSae.Core.Models;
using RefusalSae.Experiments.Paper;
using RefusalSae.Worker.Cli;
using static TorchSharp.torch;

namespace RefusalSae.Worker.Commands;

/// <summary>`attribute`: LA-IG (paper-method §4.2) for a left-padded batch, every SAE feature of every layer.</summary>
public sealed class AttributeCommand : IWorkerCommand
{
    public string Name => "attribute";
    public string Usage => "attribute --model DIR --sae-dir DIR --direction dir.safetensors --in in.safetensors --refusal-id N [--steps 10]\n"
        + "                                   [--ablated-endpoint] --out attr.safetensors\n"
        + "                                   sae-dir: SAELens folders layer_{L}; direction: F32 [D]; in: input_ids, attention_mask I64 [B,T];\n"
        + "                                   out: attrs.{L}, grads.{L}, delta.{L} F32 [B,T,S], jailbreak_id I64 [B]";

    public int Run(ArgReader args)
    {
        var modelDir = args.Required("model");
        var saeDir = args.Required("sae-dir");
        var directionPath = args.Required("direction");
        var input = args.Required("in");
        var refusalText = args.Required("refusal-id");
        var steps = args.Int("steps", 10);
        var ablatedEndpoint = args.Flag("ablated-endpoint");
        var outPath = args.Required("out");
        var (dtype, device) = ModelCommands.Target(args);
        args.EnsureAllUsed();
        if (!long.TryParse(refusalText, out var refusalId) || refusalId < 0)
            throw new WorkerException("RSW120", $"attribute: --refusal-id must be a token id, got '{refusalText}'.");

        var (ids, mask) = ModelCommands.Guard(() => TokenBatchFile.Read(input));
        using var model = ModelCommands.Guard(() => ModelLoader.Load(modelDir, dtype, device));
        if (refusalId >= model.Config.VocabSize)
            throw new WorkerException("RSW120", $"attribute: --refusal-id {refusalId} is outside the vocabulary (size {model.Config.VocabSize}).");
        var direction = DirectionFile.Read(directionPath, model.Config.HiddenSize);
        var saes = ModelCommands.Guard(() => LayerSaes.Load(saeDir, model.Config.NumHiddenLayers));
        try
        {
            using var result = ModelCommands.Guard(() => LaIg.Attribute(model, saes, ids.to(device), mask.to(device), direction, refusalId,
                new LaIgOptions { Steps = steps, AblatedResidualEndpoint = ablatedEndpoint }));
            var outputs = new Dictionary<string, Tensor> { ["jailbreak_id"] = tensor(result.JailbreakIds) };
            foreach (var l in result.Attrs.Keys)
            {
                outputs[$"attrs.{l}"] = result.Attrs[l].contiguous();
                outputs[$"grads.{l}"] = result.Grads[l].contiguous();
                outputs[$"delta.{l}"] = result.Delta[l].contiguous();
            }
            SafeTensors.Save(outPath, outputs);
            Console.WriteLine($"attribute: {ids.shape[0]}x{ids.shape[1]} tokens, {saes.Count} SAE layers, {steps} steps -> {outPath}");
        }
        finally
        {
            foreach (var s in saes.Values) s.Dispose();
        }
        return 0;
    }
}

/// <summary>Reads the `direction` tensor (F32 [D]) of a safetensors file with errors that name the file.</summary>
internal static class DirectionFile
{
    public static Tensor Read(string path, long dModel)
    {
        var tensors = ModelCommands.Guard(() => SafeTensors.Load(path));
        if (!tensors.TryGetValue("direction", out var d))
            throw new WorkerException("RSW121", $"{path}: no tensor 'direction' (has {string.Join(", ", tensors.Keys)}).");
        if (d.shape.Length != 1 || d.shape[0] != dModel)
            throw new WorkerException("RSW121", $"{path}: 'direction' must be [{dModel}], got [{string.Join(",", d.shape)}].");
        return d.to_type(ScalarType.Float32);
    }
}
