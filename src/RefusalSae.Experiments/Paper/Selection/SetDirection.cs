using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Paper.Subject;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Paper.Selection;

/// <summary>
/// A prompt set's refusal directions (paper-method §3.1, every layer, difference of last-token means against as many
/// harmless prompts) and the cosine candidates of its best-layer direction (§4.1), as one cached item: a rerun whose
/// items are all cached never loads the model for them.
/// </summary>
// L layers, D d_model
public sealed record SetDirection(float[][] Directions, int BestLayer, IReadOnlyList<FeatureRef> Candidates)
{
    /// <summary>V_R*: the best layer's direction [D].</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public float[] Best => Directions[BestLayer];

    /// <summary>
    /// A direction's identity in item keys: SHA-256 over its float32 bytes (every component, so two directions that
    /// share leading values never share generations), 16 hex digits.
    /// </summary>
    public static string Key(float[] direction)
    {
        var bytes = new byte[direction.Length * 4];
        Buffer.BlockCopy(direction, 0, bytes, 0, bytes.Length);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..16];
    }

    /// <summary>Every layer's direction as a float32 tensor [L, D] on the CPU.</summary>
    public Tensor AllTensor() => stack(Directions.Select(d => tensor(d)).ToList());                   // [L, D]

    /// <summary>V_R* as a float32 tensor [D] on <paramref name="device"/>.</summary>
    public Tensor BestTensor(Device device) => tensor(Best, device: device);                           // [D]

    /// <summary>Computes (or reads from the item cache) the directions of <paramref name="harmful"/> against the first as many of <paramref name="harmlessPool"/>.</summary>
    public static SetDirection Of(ItemCache items, PaperSubject paper, IReadOnlyList<string> harmful, IReadOnlyList<string> harmlessPool,
        PaperFeaturesSettings s)
    {
        var harmless = harmlessPool.Take(harmful.Count).ToList();
        var content = $"direction\n{s.BestLayer}\n{s.CandidatesPerLayer}\n{s.BatchSize}\n" +
                      string.Join("\n", harmful.Select(paper.Chat.Render)) + "\n--- harmless\n" + string.Join("\n", harmless.Select(paper.Chat.Render));
        return items.GetOrCompute(content, () =>
        {
            using var scope = NewDisposeScope();
            var directions = RefusalDirection.DiffInMeans(paper.Model, harmful.Select(paper.Encode).ToList(),
                harmless.Select(paper.Encode).ToList(), paper.Tokenizer.PadId, s.BatchSize);             // [L, D]
            var rows = Enumerable.Range(0, (int)directions.shape[0]).Select(l => Core.Tensors.HostRead.Floats(directions[l])).ToArray();
            return new SetDirection(rows, s.BestLayer, CosineCandidates.PerLayer(paper.Saes, directions[s.BestLayer], s.CandidatesPerLayer));
        });
    }
}
