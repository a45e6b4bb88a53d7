using RefusalSae.Core.Generation;
using RefusalSae.Core.IO;
using RefusalSae.Core.Models;
using RefusalSae.Worker.Cli;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Worker.Commands;

/// <summary>`generate`: greedy (or seeded sampled) continuation of a left-padded token batch with the KV cache.</summary>
public sealed class GenerateCommand : IWorkerCommand
{
    public string Name => "generate";
    public string Usage => "generate --model DIR --in in.safetensors --max-new-tokens N --out out.safetensors [--stop-ids ID ...]\n"
        + "                                   [--pad-id ID] [--dtype f32|bf16] [--device cpu|cuda] [--temperature T --seed S]\n"
        + "                                   out: sequences I64 [B,T+N]; stop ids default to config eos_token_id, pad id to\n"
        + "                                   config pad_token_id (else the first eos); a stopped row is filled with the pad id";

    public int Run(ArgReader args)
    {
        var modelDir = args.Required("model");
        var input = args.Required("in");
        var outPath = args.Required("out");
        var maxNew = args.Int("max-new-tokens", -1);
        if (maxNew < 0) throw new WorkerException("RSW501", "generate: missing required option --max-new-tokens (≥ 0).");
        var stopIds = args.Has("stop-ids") ? args.Many("stop-ids").Select(s => ParseId("stop-ids", s)).ToList() : null;
        var padArg = args.Optional("pad-id");
        var temperature = args.Double("temperature", 0);
        var seed = args.Int("seed", 0);
        var (dtype, device) = ModelCommands.Target(args);
        args.EnsureAllUsed();

        var (ids, mask) = ModelCommands.Guard(() => TokenBatchFile.Read(input));
        using var model = ModelCommands.Guard(() => ModelLoader.Load(modelDir, dtype, device));
        var cfg = model.Config;
        var pad = padArg is not null ? ParseId("pad-id", padArg)
            : cfg.PadTokenId ?? (cfg.EosTokenIds.Count > 0 ? cfg.EosTokenIds[0]
                : throw new WorkerException("RSW111", $"generate: {modelDir}/config.json has no pad_token_id or eos_token_id; pass --pad-id."));
        var options = new GenerationOptions
        {
            MaxNewTokens = maxNew,
            PadId = pad,
            StopIds = stopIds ?? cfg.EosTokenIds.Select(e => (long)e).ToList(),
            Sampling = temperature > 0 ? new SamplingOptions(temperature, seed) : null,
        };
        using var scope = torch.NewDisposeScope();
        var sequences = ModelCommands.Guard(() => TextGenerator.Generate(model, ids, mask, options));
        SafeTensors.Save(outPath, new Dictionary<string, Tensor> { ["sequences"] = sequences });
        Console.WriteLine($"generate: {ids.shape[0]} rows, {ids.shape[1]} + {maxNew} tokens -> {outPath}");
        return 0;
    }

    private static long ParseId(string option, string s) =>
        long.TryParse(s, out var v) && v >= 0 ? v : throw new WorkerException("RSW504", $"generate: --{option} expects token ids, got '{s}'.");
}
