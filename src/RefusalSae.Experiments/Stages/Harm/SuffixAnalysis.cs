using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Harm;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Selection;
using RefusalSae.Experiments.Paper.Subject;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>
/// One success of §7.3 step 3: the goal, its first successful suffix, the upstream (harm) features U with their clamp
/// positions, the refusal features R, and the measured suppressions.
/// </summary>
public sealed record SuffixAnalysis(string Goal, string Suffix, IReadOnlyList<string> Upstream, IReadOnlyList<int> Starts, IReadOnlyList<string> Refusal,
    double HarmSuppression, double SuffixSuppression, IReadOnlyList<string> Words, IReadOnlyList<double> Dampening, IReadOnlyList<double> UpstreamExtra,
    string? TopWord, double MaxIncrease)
{
    /// <summary>
    /// Runs the analysis for one prompt; null when it has no upstream feature or no refusal feature at or after the
    /// earliest upstream layer (nothing to measure).
    /// </summary>
    public static SuffixAnalysis? Run(ItemCache items, PaperSubject paper, string goal, string suffix, IReadOnlyList<FeatureRef> local, IReadOnlyList<FeatureRef> candidates,
        float[][] positions, IReadOnlyCollection<FeatureRef> refusalFeatures, int promptCount, PaperSuffixesSettings s, PaperFeaturesSettings f)
    {
        var upstream = local.Where(f => !refusalFeatures.Contains(f)).ToList();
        if (upstream.Count == 0) return null;
        var minLayer = upstream.Min(u => u.Layer);
        var refusal = local.Where(f => refusalFeatures.Contains(f) && f.Layer >= minLayer).ToList();
        if (refusal.Count == 0) return null;
        var starts = upstream.Select(u =>
        {
            var c = candidates.Select((f, i) => (f, i)).First(p => p.f == u).i;
            return SuffixWords.ClampStart(positions[c], skipped: f.SkipLeadingTokens, paperBug: s.PositionBug, promptCount: promptCount);
        }).ToList();
        var clamped = upstream.Zip(starts).ToList();

        // Each read is a cached item (a forward pass): a rerun that only renders never loads the model.
        var what = $"refusal-values\n{string.Join(" ", refusal)}\n{s.UpstreamClamp}\n{f.ValueSkipLeadingTokens}";
        double[] Read(string prompt, bool clamp) => items.GetOrCompute(
            $"{what}\n{(clamp ? string.Join(" ", clamped.Select(u => $"{u.First}@{u.Second}")) : "")}\n{paper.Chat.Render(prompt)}",
            () => PositionalClamp.RefusalValues(paper.Model, paper.Saes, paper.Encode(prompt), refusal, clamp ? clamped : [], s.UpstreamClamp,
                skipLeading: f.ValueSkipLeadingTokens));
        var o = Read(goal, false);
        var harm = RelativeDecrease.Mean(o, Read(goal, true));
        var full = Read(Data.AdvSuffixesCsv.Prompt(goal, suffix), false);
        var words = SuffixWords.Words(suffix);
        var dampening = new List<double>();
        var extra = new List<double>();
        foreach (var prefix in SuffixWords.Prefixes(suffix))
        {
            var prompt = Data.AdvSuffixesCsv.Prompt(goal, prefix);
            var v = Read(prompt, false);
            dampening.Add(RelativeDecrease.Normalised(o, full, v));
            extra.Add(RelativeDecrease.MeanAbsolute(o, Read(prompt, true)) - RelativeDecrease.MeanAbsolute(o, v));
        }
        var increases = dampening.Select((d, j) => d - (j == 0 ? 0 : dampening[j - 1])).ToList();
        var top = Enumerable.Range(0, increases.Count).Where(j => !double.IsNaN(increases[j])).DefaultIfEmpty(-1).MaxBy(j => j < 0 ? double.NegativeInfinity : increases[j]);
        return new SuffixAnalysis(goal, suffix, upstream.Select(u => u.ToString()).ToList(), starts, refusal.Select(r => r.ToString()).ToList(),
            harm, RelativeDecrease.Mean(o, full), words, dampening, extra, top < 0 ? null : Normalise(words[top]), top < 0 ? double.NaN : increases[top]);
    }

    /// <summary>Word as counted in the top-word figure: lower case, surrounding punctuation removed.</summary>
    public static string Normalise(string word) => word.Trim().Trim(".,;:!?\"'()[]".ToCharArray()).ToLowerInvariant();
}
