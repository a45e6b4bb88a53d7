using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.SideEffects;

namespace RefusalSae.Experiments.Stages.SideEffects;

/// <summary>Installs a side-effect method's intervention for one set (paper-method §5.2); null for Base.</summary>
public static class MethodHooks
{
    /// <summary>CE, GSM8K, ARC: AS ablates V_R*(D) at every layer; SAE methods multiply their features by <paramref name="multiplier"/>.</summary>
    public static IDisposable? Capability(PaperSubject paper, SideEffectMethod method, SetMaterial? set, double multiplier)
    {
        if (method.FeaturesOf is null && !method.UsesDirection) return null;
        var s = set ?? throw new ArgumentNullException(nameof(set), $"method {method.Name} needs a harmful set.");
        if (method.UsesDirection)
        {
            using var direction = s.DirectionTensor();
            return Interventions.AblateDirection(paper.Model, direction);
        }
        return Interventions.ScaleFeatures(paper.Model, paper.Saes, [method.FeaturesOf!(s.Features)], multiplier);
    }

    /// <summary>Refusal induction: AS adds V_R*(D) at the best layer; SAE methods set their features to <paramref name="value"/>.</summary>
    public static IDisposable? Induction(PaperSubject paper, SideEffectMethod method, SetMaterial? set, int bestLayer, double value)
    {
        if (method.FeaturesOf is null && !method.UsesDirection) return null;
        var s = set ?? throw new ArgumentNullException(nameof(set), $"method {method.Name} needs a harmful set.");
        if (method.UsesDirection)
        {
            using var direction = s.DirectionTensor();
            return InductionInterventions.AddDirection(paper.Model, bestLayer, direction);
        }
        return InductionInterventions.SetFeatures(paper.Model, paper.Saes, method.FeaturesOf!(s.Features), value);
    }
}
