using RefusalSae.Core.IO;
using RefusalSae.Core.Saes;
using RefusalSae.Worker.Cli;
using TorchSharp;
using static TorchSharp.torch;

namespace RefusalSae.Worker.Commands;

/// <summary>`sae-encode`: SAE feature activations of a batch of residual vectors, x F32 [N,D] → f F32 [N,S].</summary>
public sealed class SaeEncodeCommand : IWorkerCommand
{
    public string Name => "sae-encode";

    public string Usage =>
        "sae-encode --sae PATH --in x.safetensors --out f.safetensors [--format gemmascope|saelens|llamascope]\n" +
        "           [--llamascope-threshold paper|corrected|lm-saes] [--hook NAME] [--batch 4096]\n" +
        "           PATH: Gemma Scope params.npz or its folder, a SAELens folder, or a Llama Scope folder (auto-detected).";

    public int Run(ArgReader args)
    {
        var saePath = args.Required("sae");
        var inPath = args.Required("in");
        var outPath = args.Required("out");
        var options = new SaeLoadOptions
        {
            Format = ParseFormat(args.Optional("format")),
            LlamaScopeThreshold = ParseThreshold(args.Optional("llamascope-threshold", "paper")),
            HookName = args.Optional("hook"),
        };
        var batch = args.Int("batch", 4096);
        if (batch < 1) throw new WorkerException("RSW504", "sae-encode: --batch must be at least 1.");
        args.EnsureAllUsed();

        using var scope = NewDisposeScope();
        using var sae = Load(saePath, options);
        var x = ReadInput(inPath, sae.DModel);                              // [N, D]
        var parts = new List<Tensor>();
        using (no_grad())
            for (long start = 0; start < x.shape[0]; start += batch)
                parts.Add(sae.Encode(x.narrow(0, start, Math.Min(batch, x.shape[0] - start))));   // [b, S]
        var f = parts.Count == 0 ? zeros(0, sae.DSae) : cat(parts, 0);      // [N, S]
        SafeTensors.Save(outPath, new Dictionary<string, Tensor> { ["f"] = f.to_type(ScalarType.Float32) },
            new Dictionary<string, string> { ["sae"] = Path.GetFullPath(saePath), ["hook_name"] = sae.HookName, ["architecture"] = sae.Architecture });
        Console.WriteLine($"sae-encode: {sae.Architecture} {sae.HookName} D={sae.DModel} S={sae.DSae}: {x.shape[0]} rows, mean L0 {f.ne(0).sum(dim: 1L).to_type(ScalarType.Float64).mean().item<double>():F2} → {outPath}");
        return 0;
    }

    private static ISae Load(string path, SaeLoadOptions options)
    {
        try
        {
            return SaeLoader.Load(path, options);
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException or KeyNotFoundException)
        {
            throw new WorkerException("RSW510", e.Message);
        }
    }

    private static Tensor ReadInput(string path, long d)
    {
        try
        {
            using var file = SafeTensorsFile.Open(path);
            if (!file.Contains("x")) throw new WorkerException("RSW511", $"{path}: no tensor 'x' (expected x F32 [N,{d}]).");
            var e = file.Entries["x"];
            if (e.DType != "F32" || e.Shape.Length != 2 || e.Shape[1] != d)
                throw new WorkerException("RSW512", $"{path}: tensor 'x' is {e.DType} [{string.Join(",", e.Shape)}], expected F32 [N,{d}] for this SAE.");
            return file.Read("x");
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException)
        {
            throw new WorkerException("RSW511", e.Message);
        }
    }

    private static SaeFormat? ParseFormat(string? s) => s switch
    {
        null => null,
        "gemmascope" => SaeFormat.GemmaScope,
        "saelens" => SaeFormat.SaeLens,
        "llamascope" => SaeFormat.LlamaScope,
        _ => throw new WorkerException("RSW504", $"sae-encode: --format '{s}' is not one of gemmascope, saelens, llamascope."),
    };

    private static LlamaScopeThreshold ParseThreshold(string s) => s switch
    {
        "paper" => LlamaScopeThreshold.Paper552,
        "corrected" => LlamaScopeThreshold.Corrected,
        "lm-saes" => LlamaScopeThreshold.LmSaesNative,
        _ => throw new WorkerException("RSW504", $"sae-encode: --llamascope-threshold '{s}' is not one of paper, corrected, lm-saes."),
    };
}
