using RefusalSae.Experiments.Paper;
using RefusalSae.Testing;
using static TorchSharp.torch;

namespace RefusalSae.Experiments.Tests.Paper;

public sealed class DirectionAndSetsTests(ITestOutputHelper output)
{
    [Fact]
    public void The_refusal_direction_is_the_difference_of_last_token_means_whatever_the_batch_size()
    {
        using var setup = new TinyPaperSetup(ScalarType.Float64);
        var harmful = TinyPaperSetup.Prompts(5, seed: 10);
        var harmless = TinyPaperSetup.Prompts(4, seed: 11);
        var v1 = RefusalDirection.DiffInMeans(setup.Model, harmful, harmless, TinyPaperSetup.Pad, batchSize: 1);
        var v3 = RefusalDirection.DiffInMeans(setup.Model, harmful, harmless, TinyPaperSetup.Pad, batchSize: 3);
        Assert.Equal([TinyPaperSetup.Layers, TinyPaperSetup.D], v1.shape);
        MaxError.AssertWithin("batch 1 vs 3", (v1 - v3).abs().max().to_type(ScalarType.Float64).item<double>(), 1e-6, output);

        // By hand: each prompt alone, unpadded, last position of each layer's resid_post.
        Tensor Mean(List<int[]> ps) => stack(ps.Select(p =>
            ResidualReads.LastToken(setup.Model, tensor(p.Select(t => (long)t).ToArray()).unsqueeze(0), ones(1, p.Length, dtype: ScalarType.Int64))[.., 0]).ToList()).mean([0]);
        var manual = (Mean(harmful) - Mean(harmless)).to_type(ScalarType.Float32);
        MaxError.AssertWithin("vs per-prompt means", (v1 - manual).abs().max().to_type(ScalarType.Float64).item<double>(), 1e-6, output);
    }

    [Fact]
    public void A_decoder_row_parallel_to_the_direction_leads_the_cosine_candidates_and_CosSim()
    {
        using var setup = new TinyPaperSetup();
        var v = randn(TinyPaperSetup.D, generator: new Generator(2));
        using (no_grad()) setup.Saes[2].W_dec[11] = v * 0.3f;
        var perLayer = CosineCandidates.PerLayer(setup.Saes, v, 4);
        Assert.Equal(4 * TinyPaperSetup.Layers, perLayer.Count);
        Assert.Equal([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2], perLayer.Select(f => f.Layer));
        Assert.Equal(new FeatureRef(2, 11), perLayer[8]);
        var global = CosineCandidates.Global(setup.Saes, v, 5);
        Assert.Equal(new FeatureRef(2, 11), global[0]);
        var cos = CosineCandidates.Cosines(setup.Saes[0], v).data<float>().ToArray();
        var expected = Enumerable.Range(0, cos.Length).OrderByDescending(i => cos[i]).Take(4).Select(i => (long)i);
        Assert.Equal(expected, perLayer.Take(4).Select(f => f.Index));
    }

    [Fact]
    public void Ours_and_AP_rank_features_locally_and_globally_by_attribution()
    {
        FeatureRef[] candidates = [new(0, 1), new(0, 2), new(1, 0), new(1, 3)];
        var p0 = new PromptAttribution(5, [0.1f, 0.9f, 0.5f, -1f], new Dictionary<int, float[]> { [0] = [0, 3, 0, 0], [1] = [1, 0, 0, 2] });
        var p1 = new PromptAttribution(5, [0.8f, 0.0f, 0.6f, 0.7f], new Dictionary<int, float[]> { [0] = [0, 0, 0, 4], [1] = [0, 0, 0, 2] });
        var local = FeatureSets.OursLocal(candidates, [p0, p1], 2);
        Assert.Equal([new(0, 2), new(1, 0)], local[0]);
        Assert.Equal([new(0, 1), new(1, 3)], local[1]);
        Assert.Equal([new(1, 0), new(0, 1)], FeatureSets.OursGlobal(candidates, [p0, p1], 2));
        Assert.Equal([new(0, 1), new(1, 3)], FeatureSets.ApLocal([p0, p1], 2)[0]);
        // (0,3) and (1,3) tie at 2: the earlier layer wins, as a stable sort of the layer-major list.
        Assert.Equal([new(0, 3), new(1, 3)], FeatureSets.ApGlobal([p0, p1], 2));
    }

    [Fact]
    public void The_paper_AP_bug_hands_a_prompt_the_list_of_another_prompt_at_a_layer_it_lacks()
    {
        IReadOnlyList<FeatureRef>[] correct = [[new(1, 5)], [new(0, 2), new(1, 7)]];
        var bugged = FeatureSets.ApLocalMisindexed(correct);
        // Layer 0 holds only prompt 1's list, so prompt 0 receives it and prompt 1 receives none at layer 0.
        Assert.Equal([new(0, 2), new(1, 5)], bugged[0]);
        Assert.Equal([new(1, 7)], bugged[1]);
    }

    [Fact]
    public void The_random_control_matches_the_layer_profile_avoids_the_chosen_features_and_is_seeded()
    {
        FeatureRef[] like = [new(0, 1), new(0, 2), new(2, 7)];
        var widths = new Dictionary<int, long> { [0] = 8, [1] = 8, [2] = 8 };
        var a = FeatureSets.Random(like, widths, seed: 3);
        Assert.Equal(a, FeatureSets.Random(like, widths, seed: 3));
        Assert.Equal([0, 0, 2], a.Select(f => f.Layer));
        Assert.DoesNotContain(a, like.Contains);
        Assert.Equal(3, a.Distinct().Count());
    }
}
