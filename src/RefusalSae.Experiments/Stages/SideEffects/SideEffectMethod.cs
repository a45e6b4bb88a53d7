using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Selection;

namespace RefusalSae.Experiments.Stages.SideEffects;

/// <summary>
/// One row of the side-effect tables (paper-method §5.2): Base does nothing; AS uses the set's direction (ablated for
/// CE/GSM8K/ARC, added at the best layer for refusal induction); CosSim and ActDiff use the set's dataset feature set,
/// AP and Ours their global sets.
/// </summary>
public sealed record SideEffectMethod(string Name, Func<SelectedFeatures, IReadOnlyList<FeatureRef>>? FeaturesOf, bool UsesDirection = false)
{
    public static readonly SideEffectMethod Base = new("Base", null);
    public static readonly SideEffectMethod As = new("AS", null, UsesDirection: true);

    /// <summary>The SAE methods, in the paper's loop order (cs, act, la, our).</summary>
    public static IReadOnlyList<SideEffectMethod> Sae { get; } =
    [
        new("CosSim", s => s.CosSim),
        new("ActDiff", s => s.ActDiff),
        new("AP", s => s.ApGlobal),
        new("CosSim+AP (Ours)", s => s.OursGlobal),
    ];

    /// <summary>Base, AS, then the SAE methods: the table's rows and the paper's configuration order.</summary>
    public static IReadOnlyList<SideEffectMethod> All { get; } = [Base, As, .. Sae];

    /// <summary>Identity of this method's intervention for one set, for item-cache content.</summary>
    public string Describe(SelectedFeatures? selected, string directionKey) =>
        FeaturesOf is { } f && selected is not null ? $"{Name}:{string.Join(" ", f(selected))}" : UsesDirection ? $"{Name}:{directionKey}" : Name;
}
