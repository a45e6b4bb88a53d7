using RefusalSae.Experiments.Paper;

namespace RefusalSae.Experiments.Dashboards;

/// <summary>Builds one feature's dashboard from its per-token activations on every text (no tensors: testable on plain arrays).</summary>
public static class DashboardBuilder
{
    public const string HarmfulGroup = "harmful (evaluation)";
    public const string HarmlessGroup = "harmless";

    /// <param name="activations">Per text, the feature's activation on each of its tokens.</param>
    public static FeatureDashboard Build(FeatureRef feature, IReadOnlyList<FeatureSelection> selectedBy, IReadOnlyList<SetAttributionScore> attribution,
        IReadOnlyList<DashboardText> texts, IReadOnlyList<IReadOnlyList<string>> tokens, IReadOnlyList<float[]> activations, DashboardShape shape)
    {
        var maxima = activations.Select(a => a.Length == 0 ? 0f : a.Max()).ToList();
        var harmful = Enumerable.Range(0, texts.Count).Where(i => texts[i].IsEvaluation && texts[i].Source != DashboardText.Harmless).ToList();
        var harmless = Enumerable.Range(0, texts.Count).Where(i => texts[i].Source == DashboardText.Harmless).ToList();
        var corpus = Enumerable.Range(0, texts.Count).Where(i => !texts[i].IsEvaluation).ToList();
        var sources = texts.Select(t => t.Source).ToList();
        return new FeatureDashboard
        {
            Feature = feature,
            SelectedBy = selectedBy,
            Attribution = attribution,
            Histogram = ActivationHistogram.Of(
                [(HarmfulGroup, harmful.Select(i => maxima[i]).ToList()), (HarmlessGroup, harmless.Select(i => maxima[i]).ToList())], shape.Bins),
            HarmfulDensity = Density(harmful, maxima),
            HarmlessDensity = Density(harmless, maxima),
            EvaluationContexts = TopContexts.Select(tokens, activations, sources, harmful.Concat(harmless), shape.Contexts, shape.TokensBefore, shape.TokensAfter),
            CorpusContexts = TopContexts.Select(tokens, activations, sources, corpus, shape.Contexts, shape.TokensBefore, shape.TokensAfter),
        };
    }

    private static double Density(IReadOnlyList<int> texts, IReadOnlyList<float> maxima) =>
        texts.Count == 0 ? 0 : texts.Count(i => maxima[i] > 0) / (double)texts.Count;
}
