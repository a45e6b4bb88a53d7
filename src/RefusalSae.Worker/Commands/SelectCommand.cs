using System.Text.Json;
using RefusalSae.Core.IO;
using RefusalSae.Core.Saes;
using RefusalSae.Core.Tensors;
using RefusalSae.Experiments.Paper;
using RefusalSae.Worker.Cli;
using static TorchSharp.torch;

namespace RefusalSae.Worker.Commands;

/// <summary>
/// `select`: from `attribute`'s output, the CosSim candidates (K per layer) and the local and global Ours and AP sets
/// of size K* (paper-method §4.1, §4.3, §4.4), as JSON.
/// </summary>
public sealed class SelectCommand : IWorkerCommand
{
    public string Name => "select";
    public string Usage => "select --attr attr.safetensors --sae-dir DIR --direction dir.safetensors --in in.safetensors [--k 10] [--k-star 20]\n"
        + "                                   [--skip-bos 1] [--ap-misindexed] --out sets.json\n"
        + "                                   in: the batch given to attribute (its attention_mask excludes left pads from Ours' mean)";

    public int Run(ArgReader args)
    {
        var attrPath = args.Required("attr");
        var saeDir = args.Required("sae-dir");
        var directionPath = args.Required("direction");
        var input = args.Required("in");
        var k = args.Int("k", 10);
        var kStar = args.Int("k-star", 20);
        var skipBos = args.Int("skip-bos", 1);
        var misindexed = args.Flag("ap-misindexed");
        var outPath = args.Required("out");
        args.EnsureAllUsed();

        var (_, mask) = ModelCommands.Guard(() => TokenBatchFile.Read(input));
        var tensors = ModelCommands.Guard(() => SafeTensors.Load(attrPath));
        var attrs = tensors.Where(p => p.Key.StartsWith("attrs.", StringComparison.Ordinal))
            .ToDictionary(p => int.Parse(p.Key["attrs.".Length..]), p => p.Value.to_type(ScalarType.Float32));
        if (attrs.Count == 0 || !tensors.TryGetValue("jailbreak_id", out var jb))
            throw new WorkerException("RSW122", $"{attrPath}: expected attrs.{{L}} and jailbreak_id (the output of `attribute`).");
        var maxLayer = attrs.Keys.Max() + 1;
        var saes = ModelCommands.Guard(() => LayerSaes.Load(saeDir, maxLayer));
        try
        {
            var dModel = saes.Values.First().DModel;
            var direction = DirectionFile.Read(directionPath, dModel);
            var b = (int)mask.shape[0];
            foreach (var (l, a) in attrs)
                if (!saes.TryGetValue(l, out var sae) || a.shape.Length != 3 || a.shape[0] != b || a.shape[1] != mask.shape[1] || a.shape[2] != sae.DSae)
                    throw new WorkerException("RSW122", $"{attrPath}: attrs.{l} is [{string.Join(",", a.shape)}], expected [{b},{mask.shape[1]},S] with an SAE for layer {l} in {saeDir}.");
            var candidates = CosineCandidates.PerLayer(saes.Where(p => attrs.ContainsKey(p.Key)).ToDictionary(), direction, k);
            var maskArray = ToArray(mask);
            using var result = new LaIgResult
            {
                Attrs = attrs, Grads = new Dictionary<int, Tensor>(), Delta = new Dictionary<int, Tensor>(),
                ModelSpaceGrads = new Dictionary<int, Tensor>(), JailbreakIds = HostRead.Longs(jb),
            };
            var prompts = Enumerable.Range(0, b).Select(i => PromptAttribution.FromBatch(result, maskArray, i, candidates, skipBos)).ToList();
            var apLocal = FeatureSets.ApLocal(prompts, kStar);
            var output = new
            {
                cossim_candidates = candidates,
                cossim = CosineCandidates.Global(saes, direction, kStar),
                ours_local = FeatureSets.OursLocal(candidates, prompts, kStar),
                ours_global = FeatureSets.OursGlobal(candidates, prompts, kStar),
                ap_local = misindexed ? FeatureSets.ApLocalMisindexed(apLocal) : apLocal,
                ap_global = FeatureSets.ApGlobal(prompts, kStar),
                jailbreak_id = result.JailbreakIds,
            };
            File.WriteAllText(outPath, JsonSerializer.Serialize(output, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower }));
            Console.WriteLine($"select: {b} prompts, {candidates.Count} candidates, K* = {kStar} -> {outPath}");
        }
        finally
        {
            foreach (var s in saes.Values) s.Dispose();
        }
        return 0;
    }

    private static long[,] ToArray(Tensor mask)
    {
        var (b, t) = ((int)mask.shape[0], (int)mask.shape[1]);
        var flat = HostRead.Longs(mask);
        var result = new long[b, t];
        for (var i = 0; i < b; i++)
            for (var j = 0; j < t; j++) result[i, j] = flat[i * t + j];
        return result;
    }
}
