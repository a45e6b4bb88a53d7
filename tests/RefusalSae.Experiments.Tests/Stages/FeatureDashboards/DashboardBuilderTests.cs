using RefusalSae.Experiments.Dashboards;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Selection;
using RefusalSae.Experiments.Stages.FeatureDashboards;
using RefusalSae.Experiments.Stages.Harm;

namespace RefusalSae.Experiments.Tests.Stages.FeatureDashboards;

public sealed class DashboardBuilderTests
{
    private static readonly IReadOnlyList<string> Words = ["<bos>", "how", " to", " build", " a", " bomb", "?"];

    [Fact]
    public void Top_contexts_are_ranked_by_peak_cut_around_it_deduplicated_and_skip_texts_where_the_feature_is_silent()
    {
        var tokens = Enumerable.Repeat(Words, 5).ToList();
        var acts = new List<float[]>
        {
            new float[] { 0, 0, 0, 0, 0, 2, 0 },     // peak on " bomb"
            new float[] { 0, 0, 0, 0, 0, 0, 0 },     // silent
            new float[] { 0, 3, 0, 0, 0, 0, 0 },     // the strongest, on "how"
            new float[] { 0, 0, 0, 0, 0, 2, 0 },     // the same window as text 0: shown once
            new float[] { 0, 0, 0, 1, 0, 0, 0 },
        };
        var contexts = TopContexts.Select(tokens, acts, ["a", "b", "c", "d", "e"], Enumerable.Range(0, 5), count: 10, before: 2, after: 1);
        Assert.Equal(["c", "a", "e"], contexts.Select(c => c.Source));
        Assert.Equal(["<bos>", "how", " to"], contexts[0].Tokens);   // clipped at the start
        Assert.Equal(1, contexts[0].Peak);
        Assert.Equal([" build", " a", " bomb", "?"], contexts[1].Tokens);
        Assert.Equal([0f, 0f, 2f, 0f], contexts[1].Activations);
    }

    [Fact]
    public void The_histogram_bins_each_prompts_maximum_over_a_shared_axis_per_group()
    {
        var h = ActivationHistogram.Of([("harmful", [0f, 1f, 4f, 4f]), ("harmless", [0f, 0f, 2f])], bins: 4);
        Assert.Equal(4, h.Upper);
        Assert.Equal([1, 1, 0, 2], h.Counts[0]);   // 4 = the upper edge falls in the last bin
        Assert.Equal([2, 0, 1, 0], h.Counts[1]);
        Assert.Equal(0.5, h.Centre(0));
    }

    [Fact]
    public void A_dashboard_splits_evaluation_and_corpus_contexts_and_reports_how_often_the_feature_fires()
    {
        var texts = new[] { DashboardText.Harmful("advbench"), DashboardText.Harmful("advbench"), DashboardText.Harmless, DashboardText.Corpus }
            .Select(s => new DashboardText(s, [1, 2, 3, 4, 5, 6, 7])).ToList();
        var tokens = texts.Select(_ => Words).ToList();
        var acts = new List<float[]> { new float[7], new float[] { 0, 0, 0, 0, 0, 5, 0 }, new float[] { 0, 1, 0, 0, 0, 0, 0 }, new float[] { 0, 0, 0, 0, 0, 4, 1 } };
        var d = DashboardBuilder.Build(new FeatureRef(1, 7), [], [], texts, tokens, acts, new DashboardShape(5, 3, 1, 5));
        Assert.Equal(0.5, d.HarmfulDensity);
        Assert.Equal(1.0, d.HarmlessDensity);
        Assert.Equal(["harmful: advbench", "harmless"], d.EvaluationContexts.Select(c => c.Source));
        Assert.Equal(["training corpus"], d.CorpusContexts.Select(c => c.Source));
        Assert.Equal([1, 0, 0, 0, 1], d.Histogram.Counts[0]);   // maxima 0 and 5 over [0, 5]
    }

    [Fact]
    public void Shown_features_are_every_sets_ours_and_the_common_set_with_every_method_and_set_that_chose_them()
    {
        FeatureRef a = new(0, 1), b = new(1, 2), c = new(1, 3);
        var set = new SelectedFeatures
        {
            Set = "advbench", Prompts = ["p"], JailbreakIds = [1], Candidates = [a, b, new(0, 9)], OursLocal = [[a]], OursGlobal = [a, b],
            ApLocal = [[b]], ApGlobal = [b], CosSim = [a], ActDiff = [], Random = [new(0, 5)], CandidateScores = [0.5f, 0.25f, 0.125f],
        };
        var categories = new CategorySets(["Adult Content"], new Dictionary<string, IReadOnlyList<FeatureRef>> { ["Adult Content"] = [c, a] }, [c, a],
            new Dictionary<string, IReadOnlyList<FeatureRef>> { ["Adult Content"] = [] }, 0);
        var shown = ShownFeature.From([set], categories);
        Assert.Equal([a, b, c], shown.Select(s => s.Feature));
        Assert.Contains(new FeatureSelection(ShownFeature.Ours, "advbench"), shown[0].SelectedBy);
        Assert.Contains(new FeatureSelection("CosSim", "advbench"), shown[0].SelectedBy);
        Assert.Contains(new FeatureSelection(ShownFeature.Common, "every CATQA category"), shown[0].SelectedBy);
        Assert.Equal([new SetAttributionScore("advbench", 0.5)], shown[0].Attribution);
        Assert.Equal([new SetAttributionScore("advbench", 0.25)], shown[1].Attribution);
        Assert.Empty(shown[2].Attribution);                                  // a common feature that was no §4.1 candidate
        Assert.Contains(new FeatureSelection("§4.2 category set", "Adult Content"), shown[2].SelectedBy);
    }
}
