using System.Text.Json;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Harm;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Reporting;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Paper.Selection;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.Stages.Paper;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>
/// paper-wildjailbreak (§4.3a, paper-method §7.2): with paper.wildjailbreak.pairs_file, the paper's pairs (adversarial
/// prompt, GPT-4o paraphrase); without it, an ADAPTATION: adversarial prompts of the WildJailbreak eval file (English
/// only with english_flags, as the paper) paired with the nearest vanilla harmful prompt (the paraphrases can't be
/// regenerated offline, and the eval file has no vanilla column). Generations on both sides split the pairs into jailbroken (adversarial not refused, vanilla refused)
/// and failed (both refused); LA-IG local sets on the vanilla side; relative decrease of harm and refusal features from
/// vanilla to adversarial, and presence of the refusal features. Outputs pairs.jsonl, wildjailbreak.{md,csv}, metrics.json.
/// </summary>
public sealed class WildJailbreakStage : IStage
{
    public string Name => "paper-wildjailbreak";

    public void Run(StageContext ctx)
    {
        var f = ctx.Config<PaperFeaturesSettings>("paper.features");
        var s = ctx.Config<PaperWildJailbreakSettings>("paper.wildjailbreak");
        using var judge = JailbreakJudges.Load(ctx, s.Judge, "paper.wildjailbreak.judge");
        var filtered = FilteredPrompts.Load(ctx.Upstream("paper-filter"));
        var sets = CategorySets.Load(ctx.Upstream("paper-categories"));
        var refusal = sets.RefusalFeatures(s.RefusalFeaturesMinCategories);
        using var paper = PaperSubject.Load(ctx, withSaes: true);

        var pairs = s.PairsFile.Length > 0 ? FromPairsFile(s, paper) : NearestVanillaPairs(ctx, s, paper);
        ctx.Log.WriteLine(s.PairsFile.Length > 0 ? $"paper-wildjailbreak: {pairs.Count} paraphrase pairs from {s.PairsFile} (the paper's pairing)"
            : $"paper-wildjailbreak (adapted): {pairs.Count} adversarial prompts paired with the nearest vanilla harmful prompt");

        var both = pairs.Select(p => p.Adversarial).Concat(pairs.Select(p => p.Vanilla)).Distinct().ToList();
        var responses = ctx.Items.MapBatched(both, p => $"wjb\n{s.MaxNewTokens}\n{paper.Chat.Render(p)}",
            batch => paper.Generation.Complete(batch, s.MaxNewTokens), s.BatchSize, ctx.Progress(both.Count, "generations"), ctx.Cancellation);
        var jailbroken = both.Zip(judge.IsJailbroken(both, responses)).ToDictionary(p => p.First, p => p.Second);
        var groups = new[]
        {
            ("jailbroken", pairs.Where(p => jailbroken[p.Adversarial] && !jailbroken[p.Vanilla]).Take(s.MaxPairsPerSet).ToList()),
            ("failed", pairs.Where(p => !jailbroken[p.Adversarial] && !jailbroken[p.Vanilla]).Take(s.MaxPairsPerSet).ToList()),
        };
        var results = new List<WildJailbreakResult>();
        using var log = new StreamWriter(ctx.Output("pairs.jsonl"));
        foreach (var (name, group) in groups)
        {
            if (group.Count == 0) { results.Add(WildJailbreakResult.Empty(name)); continue; }
            var vanilla = group.Select(p => p.Vanilla).ToList();
            var attribution = SetAttribution.Compute(ctx, paper, vanilla, filtered.Harmless, f, filtered.RefusalId, ctx.Progress(vanilla.Count, $"prompts (LA-IG, {name})"));
            var harm = new List<double>();
            var refusalDecrease = new List<double>();
            var presence = new List<double>();
            var counts = refusal.ToDictionary(r => r, _ => 0);
            for (var b = 0; b < group.Count; b++)
            {
                var local = attribution.Local[b];
                var h = local.Where(x => !refusal.Contains(x)).ToList();
                var r = local.Where(refusal.Contains).ToList();
                foreach (var x in r) counts[x]++;
                var (vAll, vLast) = FeatureMeans.Read(paper.Model, paper.Saes, paper.Encode(group[b].Vanilla), h.Concat(r).ToList(), skipLeading: f.ValueSkipLeadingTokens);
                var (aAll, aLast) = FeatureMeans.Read(paper.Model, paper.Saes, paper.Encode(group[b].Adversarial), h.Concat(r).ToList(), skipLeading: f.ValueSkipLeadingTokens);
                var hd = RelativeDecrease.Mean(vAll[..h.Count], aAll[..h.Count]);
                var rd = RelativeDecrease.Mean(vLast[h.Count..], aLast[h.Count..]);
                harm.Add(hd);
                refusalDecrease.Add(rd);
                presence.Add(refusal.Count == 0 ? double.NaN : r.Count / (double)refusal.Count);
                log.WriteLine(JsonSerializer.Serialize(new { set = name, adversarial = group[b].Adversarial, vanilla = group[b].Vanilla, similarity = group[b].Similarity,
                    harm_decrease = hd, refusal_decrease = rd, refusal_features = r.Select(x => x.ToString()) }, SuffixesReport.Json));
            }
            results.Add(new WildJailbreakResult(name, group.Count, group.Average(p => p.Similarity), NormalisedRate.MeanDefined(harm), NormalisedRate.MeanDefined(refusalDecrease),
                NormalisedRate.MeanDefined(presence), counts.OrderByDescending(p => p.Value).Take(5).Select(p => $"{p.Key} {p.Value / (double)group.Count:F2}").ToList()));
        }
        WildJailbreakReport.Write(ctx.OutputDirectory, results, s, refusal, pairs.Count, judge.Name, adapted: s.PairsFile.Length == 0);
        foreach (var r in results) ctx.Log.WriteLine($"paper-wildjailbreak: {r.Set}: {r.Pairs} pairs, harm decrease {Table.Cell(r.HarmDecrease, 2)}, refusal decrease {Table.Cell(r.RefusalDecrease, 2)}, presence {Table.Cell(r.Presence, 2)}");
    }

    /// <summary>The paper's pairs from a user file (its similarity column reads 1: the paraphrase states the same request).</summary>
    private static List<(string Adversarial, string Vanilla, double Similarity)> FromPairsFile(PaperWildJailbreakSettings s, PaperSubject paper)
    {
        if (!File.Exists(s.PairsFile)) throw new StageException("RSW386", $"paper.wildjailbreak.pairs_file: '{s.PairsFile}' does not exist (expected JSON Lines {{\"adversarial\", \"paraphrase\"}}).");
        try
        {
            return ParaphrasePairsJsonl.Load(s.PairsFile).Where(p => paper.Encode(p.Adversarial).Length <= s.MaxPromptTokens)
                .Take(s.Prompts).Select(p => (p.Adversarial, p.Paraphrase, 1.0)).ToList();
        }
        catch (DataFormatException e) { throw new StageException("RSW386", e.Message); }
    }

    /// <summary>The adaptation: the shortest (English, with english_flags) adversarial prompts, each with its nearest vanilla harmful prompt.</summary>
    private static List<(string Adversarial, string Vanilla, double Similarity)> NearestVanillaPairs(StageContext ctx, PaperWildJailbreakSettings s, PaperSubject paper)
    {
        var rows = WildJailbreakTsv.Load(ctx.Dataset("wildjailbreak_eval"));
        IReadOnlyList<bool>? english = null;
        if (s.EnglishFlags.Length > 0)
        {
            try { english = EnglishFlags.Load(s.EnglishFlags, rows.Count); }
            catch (Exception e) when (e is DataFormatException or IOException) { throw new StageException("RSW387", $"paper.wildjailbreak.english_flags: {e.Message}"); }
        }
        var adversarial = rows.Select((r, i) => (Row: r, English: english?[i] ?? true))
            .Where(x => x.Row.DataType == "adversarial_harmful" && x.Row.Text is not null && x.English)
            .Select(x => (Text: x.Row.Text!, Tokens: paper.Encode(x.Row.Text!).Length))
            .Where(r => r.Tokens <= s.MaxPromptTokens).OrderBy(r => r.Tokens).Take(s.Prompts).Select(r => r.Text).ToList();
        var pool = RefusalDirectionJson.Load(ctx.Dataset("harmful_test")).Concat(RefusalDirectionJson.Load(ctx.Dataset("harmful_val"))).Select(p => p.Instruction).ToList();
        var nearest = new NearestPrompt(pool);
        return adversarial.Select(a => { var (i, sim) = nearest.Find(a); return (a, pool[i], sim); }).ToList();
    }
}

/// <summary>One row of the §4.3a table.</summary>
public sealed record WildJailbreakResult(string Set, int Pairs, double Similarity, double HarmDecrease, double RefusalDecrease, double Presence, IReadOnlyList<string> Frequent)
{
    public static WildJailbreakResult Empty(string set) => new(set, 0, double.NaN, double.NaN, double.NaN, double.NaN, []);
}
