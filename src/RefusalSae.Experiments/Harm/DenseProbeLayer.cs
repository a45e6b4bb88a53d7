namespace RefusalSae.Experiments.Harm;

/// <summary>Which layer's dense probe is tested (paper-method §7.4, spec §9 #20).</summary>
public static class DenseProbeLayer
{
    /// <summary>The layer with the best validation accuracy (the earliest on ties).</summary>
    public static int BestValidation(IReadOnlyList<double> valAccuracy) =>
        valAccuracy.Count == 0 ? throw new ArgumentException("no layers.")
            : Enumerable.Range(0, valAccuracy.Count).Aggregate((best, l) => valAccuracy[l] > valAccuracy[best] ? l : best);

    /// <summary>
    /// What is tested: the probe of the best-validation layer in both modes (the paper keeps the best-val probe across
    /// the layer loop), applied to the activations of <c>test_acts[layer]</c>, where the paper's code (<paramref name="paperBug"/>
    /// = true) has the loop's last value, the last layer; the fixed variant reads the probe's own layer.
    /// </summary>
    public static (int ProbeLayer, int ActivationLayer) Tested(IReadOnlyList<double> valAccuracy, bool paperBug)
    {
        var best = BestValidation(valAccuracy);
        return (best, paperBug ? valAccuracy.Count - 1 : best);
    }
}
