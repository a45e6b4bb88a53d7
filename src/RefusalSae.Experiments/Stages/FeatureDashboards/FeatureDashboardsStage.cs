using System.Text.Json;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine;
using RefusalSae.Engine.Keys;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Dashboards;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Stages.Harm;
using RefusalSae.Experiments.Stages.Paper;
using static TorchSharp.torch;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.Paper.Evaluation;
using RefusalSae.Experiments.Paper.Selection;

namespace RefusalSae.Experiments.Stages.FeatureDashboards;

/// <summary>
/// feature-dashboards: one SAE dashboard per selected feature (every set's Ours and the §4.2 common set): who selected
/// it, its LA-IG attribution (paper-features), its activation histogram over the evaluation harmful and the harmless
/// prompts, and its top-activating contexts from those prompts and, for the toy, its training corpus. Cached per
/// feature: a feature already computed under the same model, SAEs and texts is read back, the rest share one pass.
/// Outputs dashboards.json and histograms/{L-i}.png for the report.
/// </summary>
public sealed class FeatureDashboardsStage : IStage
{
    public const string File = "dashboards.json";
    public static readonly JsonSerializerOptions Json = SelectedFeatures.Json;

    /// <summary>
    /// Features read per pass over the texts: one pass costs the same for 1 or 16 features (the forward dominates), and
    /// each finished group is stored at once, so a killed run keeps it.
    /// </summary>
    public const int FeaturesPerPass = 16;

    public string Name => "feature-dashboards";

    public void Run(StageContext ctx)
    {
        var s = ctx.Config<DashboardSettings>("report.dashboards");
        if (s.Contexts < 1 || s.Bins < 1 || s.MaxTokens < 2 || s.BatchSize < 1)
            throw new StageException("RSW388", $"report.dashboards: contexts ({s.Contexts}), bins ({s.Bins}), batch_size ({s.BatchSize}) must be ≥ 1 and max_tokens ({s.MaxTokens}) ≥ 2.");
        var eval = ctx.Config<PaperEvalSettings>("paper.eval");
        var featuresDir = ctx.Upstream("paper-features");
        var sets = PaperFeaturesOutput.AllFeatures(featuresDir);
        var categories = ctx.HasUpstream("paper-categories") ? CategorySets.Load(ctx.Upstream("paper-categories")) : null;
        var shown = ShownFeature.From(sets, categories);
        using var paper = PaperSubject.Load(ctx, withSaes: true);
        var texts = DashboardTexts.Load(ctx, paper, s, eval.PromptsPerSet);
        var tokens = Tokens(paper.Tokenizer, texts);
        var shape = new DashboardShape(s.Contexts, s.TokensBefore, s.TokensAfter, s.Bins);
        var textsHash = Hashing.Hex(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", texts.Select(t => $"{t.Source}:{string.Join(",", t.Ids)}"))));
        ctx.Log.WriteLine($"feature-dashboards: {shown.Count} features over {texts.Count} texts ({texts.Count(t => !t.IsEvaluation)} from the training corpus)");

        var dashboards = ctx.Items.MapBatched(shown, f => $"dashboard\n{f.Content}\n{shape}\n{textsHash}", batch =>
        {
            var acts = Activations(paper, batch.Select(f => f.Feature).ToList(), texts, s.BatchSize, ctx);
            return batch.Select((f, j) => DashboardBuilder.Build(f.Feature, f.SelectedBy, f.Attribution, texts, tokens,
                acts.Select(perText => perText[j]).ToList(), shape)).ToList();
        }, FeaturesPerPass, ctx.Progress(shown.Count, "features"), ctx.Cancellation);

        foreach (var d in dashboards)
            Reporting.HistogramFigure.Save(Path.Combine(ctx.OutputDirectory, "histograms"), FeatureDashboard.Slug(d.Feature), $"{d.Feature}: max activation per prompt",
                "max activation over the prompt's tokens", d.Histogram);
        AtomicFile.WriteAllText(ctx.Output(File), JsonSerializer.Serialize(dashboards, Json));
        var thin = dashboards.Where(d => d.EvaluationContexts.Count + d.CorpusContexts.Count < 5).Select(d => d.Feature.ToString()).ToList();
        ctx.Log.WriteLine($"feature-dashboards: {dashboards.Count} dashboards" + (thin.Count > 0 ? $"; fewer than 5 firing contexts: {string.Join(" ", thin)}" : ""));
    }

    /// <returns>[text][feature] → activation per token.</returns>
    private static IReadOnlyList<float[][]> Activations(PaperSubject paper, IReadOnlyList<FeatureRef> features, IReadOnlyList<DashboardText> texts,
        int batchSize, StageContext ctx)
    {
        var result = new List<float[][]>(texts.Count);
        foreach (var chunk in texts.Chunk(batchSize))
        {
            ctx.Cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var (ids, mask) = BatchEncoding.LeftPad(chunk.Select(t => t.Ids).ToList(), paper.Tokenizer.PadId).ToTensors();
            result.AddRange(FeatureActivations.PerToken(paper.Model, paper.Saes, features, ids, mask));
        }
        return result;
    }

    private static IReadOnlyList<IReadOnlyList<string>> Tokens(ITextTokenizer tokenizer, IReadOnlyList<DashboardText> texts)
    {
        var byId = new Dictionary<int, string>();
        return texts.Select(t => (IReadOnlyList<string>)t.Ids.Select(id =>
        {
            if (!byId.TryGetValue(id, out var text)) byId[id] = text = tokenizer.Decode([id]);
            return text;
        }).ToList()).ToList();
    }

    /// <summary>Reads the stage's output folder back (the report).</summary>
    public static IReadOnlyList<FeatureDashboard> Load(string dir) =>
        JsonSerializer.Deserialize<List<FeatureDashboard>>(System.IO.File.ReadAllText(Path.Combine(dir, File)), Json)
        ?? throw new StageException("RSW389", $"{Path.Combine(dir, File)}: empty.");
}
