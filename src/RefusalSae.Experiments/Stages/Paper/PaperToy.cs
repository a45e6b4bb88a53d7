using RefusalSae.Core.Saes;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Stages.ToyCorpus;
using RefusalSae.Experiments.Toy.Corpus;
using RefusalSae.Experiments.Toy.Model;

namespace RefusalSae.Experiments.Stages.Paper;

/// <summary>The organism, its SAEs and the held-out harmful sets, as the §4.1 stages read them.</summary>
public sealed class PaperToy : IDisposable
{
    private PaperToy(ToyModelFolder toy, Dictionary<int, ISae> saes) => (Toy, Saes) = (toy, saes);

    public ToyModelFolder Toy { get; }
    public Dictionary<int, ISae> Saes { get; }

    public static PaperToy Load(StageContext ctx, bool withSaes)
    {
        var toy = ToyModelFolder.Load(Path.Combine(ctx.Upstream("train-model"), "model"));
        var saes = new Dictionary<int, ISae>();
        if (withSaes)
        {
            var dir = Path.Combine(ctx.Upstream("train-sae"), "saes");
            for (var l = 0; l < toy.Model.Config.NumHiddenLayers; l++)
            {
                var path = Path.Combine(dir, $"layer_{l}");
                if (!Directory.Exists(path)) throw new StageException("RSW350", $"{path}: no SAE for layer {l} (train-sae writes saes/layer_{{L}}).");
                saes[l] = SaeLoader.Load(path);
            }
        }
        return new PaperToy(toy, saes);
    }

    /// <summary>The harmful evaluation sets (first N each), in report order.</summary>
    public static IReadOnlyList<(string Name, IReadOnlyList<Prompt> Prompts)> HarmfulSets(StageContext ctx, int perSet) =>
        ToyHeldOutSets.Load(ToyCorpusStage.Inputs(ctx, alpaca: false), perSet, 1).Named()
            .Where(s => s.IsHarmful).Select(s => (s.Name, s.Prompts)).ToList();

    public int[] Encode(string prompt) => Toy.Chat.Encode(prompt);

    public void Dispose()
    {
        foreach (var s in Saes.Values) s.Dispose();
        Toy.Dispose();
    }
}
