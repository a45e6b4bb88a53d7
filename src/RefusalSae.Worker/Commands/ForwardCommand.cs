using RefusalSae.Core.Hooks;
using RefusalSae.Core.IO;
using RefusalSae.Core.Models;
using RefusalSae.Core.Tensors;
using RefusalSae.Worker.Cli;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Worker.Commands;

/// <summary>`forward`: logits and every layer's resid_post for a left-padded token batch.</summary>
public sealed class ForwardCommand : IWorkerCommand
{
    public string Name => "forward";
    public string Usage => "forward --model DIR --in in.safetensors --out out.safetensors [--dtype f32|bf16] [--device cpu|cuda]\n"
        + "                                   in: input_ids, attention_mask I64 [B,T] (left-padded); out: logits F32 [B,T,V], resid_post.{L} F32 [B,T,D]";

    public int Run(ArgReader args)
    {
        var modelDir = args.Required("model");
        var input = args.Required("in");
        var outPath = args.Required("out");
        var (dtype, device) = ModelCommands.Target(args);
        args.EnsureAllUsed();

        var (ids, mask) = ModelCommands.Guard(() => TokenBatchFile.Read(input));
        using var model = ModelCommands.Guard(() => ModelLoader.Load(modelDir, dtype, device));
        using var scope = torch.NewDisposeScope();
        using var cache = new ActivationCache(model.Hooks, model.Hooks.Sites);
        using var noGrad = torch.no_grad();
        var logits = ModelCommands.Guard(() => model.Forward(ids, mask));
        var outputs = new Dictionary<string, Tensor> { ["logits"] = logits.to_type(ScalarType.Float32) };
        for (var l = 0; l < model.Config.NumHiddenLayers; l++)
            outputs[$"resid_post.{l}"] = cache[HookName.ResidPost(l)].to_type(ScalarType.Float32);
        SafeTensors.Save(outPath, outputs);
        Console.WriteLine($"forward: {ids.shape[0]}x{ids.shape[1]} tokens, {model.Config.NumHiddenLayers} layers -> {outPath}");
        return 0;
    }
}
