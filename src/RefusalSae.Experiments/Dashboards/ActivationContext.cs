namespace RefusalSae.Experiments.Dashboards;

/// <summary>
/// A window of tokens around the position where a feature fires most in one text, with the feature's activation
/// on each token (the report shades tokens by it). <see cref="Peak"/> indexes the strongest token inside the window.
/// </summary>
public sealed record ActivationContext(string Source, IReadOnlyList<string> Tokens, IReadOnlyList<float> Activations, int Peak)
{
    public float Max => Activations.Count == 0 ? 0 : Activations.Max();
}
