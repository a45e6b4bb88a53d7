using RefusalSae.Experiments.Harm;

namespace RefusalSae.Experiments.Tests.Harm;

public sealed class LogisticProbeTests
{
    private static (List<float[]> X, List<int> Y) Blobs(int n, int seed, float shift)
    {
        var rng = new Random(seed);
        var x = new List<float[]>();
        var y = new List<int>();
        for (var i = 0; i < n; i++)
        {
            var label = i % 2;
            var sign = label == 1 ? 1f : -1f;
            x.Add([sign * shift + (float)rng.NextDouble() - 0.5f, (float)rng.NextDouble() - 0.5f, sign * 0.5f * shift + (float)rng.NextDouble() - 0.5f]);
            y.Add(label);
        }
        return (x, y);
    }

    [Fact]
    public void A_linearly_separable_set_is_learnt_to_full_accuracy()
    {
        var (x, y) = Blobs(200, 1, 2f);
        var (xv, yv) = Blobs(60, 2, 2f);
        var (xt, yt) = Blobs(60, 3, 2f);
        var fit = LogisticProbe.Train(x, y, xv, yv, new ProbeOptions());
        Assert.Equal(1.0, fit.BestValAccuracy);
        Assert.Equal(1.0, fit.Accuracy(xt, yt));
        Assert.InRange(fit.BestStep, 1, 50);
        Assert.True(fit.Weights[0] > 0, "the probe points from label 0 to label 1");
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed_and_keeps_the_first_best_validation_step()
    {
        var (x, y) = Blobs(100, 4, 0.3f);
        var (xv, yv) = Blobs(40, 5, 0.3f);
        var a = LogisticProbe.Train(x, y, xv, yv, new ProbeOptions { Seed = 7 });
        var b = LogisticProbe.Train(x, y, xv, yv, new ProbeOptions { Seed = 7 });
        Assert.Equal(a.Weights, b.Weights);
        Assert.Equal(a.BestStep, b.BestStep);
        // The kept parameters reproduce the reported validation accuracy; no later step did strictly better.
        Assert.Equal(a.BestValAccuracy, a.Accuracy(xv, yv));
        var longer = LogisticProbe.Train(x, y, xv, yv, new ProbeOptions { Seed = 7, Steps = a.BestStep });
        Assert.Equal(a.BestValAccuracy, longer.BestValAccuracy);
    }

    [Fact]
    public void The_paper_mode_tests_the_best_validation_probe_on_last_layer_activations_and_the_fix_on_its_own_layer()
    {
        double[] val = [0.6, 0.9, 0.9, 0.7];
        Assert.Equal(1, DenseProbeLayer.BestValidation(val));
        Assert.Equal((1, 3), DenseProbeLayer.Tested(val, paperBug: true));   // the paper: best-val probe, last layer's activations
        Assert.Equal((1, 1), DenseProbeLayer.Tested(val, paperBug: false));
    }
}
