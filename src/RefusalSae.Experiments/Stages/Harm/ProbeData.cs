using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Harm;
using RefusalSae.Experiments.Judges;
using RefusalSae.Experiments.Paper.Subject;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>One probe example: prompt text, label (1 = the model should refuse) and test group.</summary>
public sealed record ProbeExample(string Prompt, int Label, string Group);

/// <summary>
/// The probe data of paper-method §7.4. With <c>paper.probes.train_file: [wildjailbreak_train]</c>, the paper's split of
/// that gated file (<see cref="FromTrainFile"/>); without it (the documented fallback): train =
/// harmful_train (1) + harmless_train (0), val = harmful_val (1) + harmless_val (0), test = harmful_test (1, group
/// "vanilla") + the shortest adversarial_harmful prompts of wildjailbreak_eval that jailbreak the model (0, group
/// "adversarial"), screened by greedy generation and the configured judge (the paper: HarmBench-yes).
/// </summary>
public static class ProbeData
{
    public const string Vanilla = "vanilla", Adversarial = "adversarial";

    public static (IReadOnlyList<ProbeExample> Train, IReadOnlyList<ProbeExample> Val, IReadOnlyList<ProbeExample> Test, int Scanned) Load(
        StageContext ctx, PaperSubject paper, PaperProbesSettings s, IJailbreakJudge judge)
    {
        if (s.TrainFile.Count > 1) throw new StageException("RSW377", $"paper.probes.train_file names {s.TrainFile.Count} datasets; expected none or one (wildjailbreak_train).");
        if (s.TrainFile.Count == 1)
        {
            var rows = WildJailbreakTsv.Load(ctx.Dataset(s.TrainFile[0]));
            var (tr, va, vanillaTest) = FromTrainFile(rows, s);
            var (adv, n) = Screen(ctx, paper, s, judge, AdversarialWindow(rows, s));
            return (tr, va, [.. vanillaTest, .. adv], n);
        }
        List<ProbeExample> Take(string id, int n, int label, string group) =>
            RefusalDirectionJson.First(ctx.Dataset(id), n).Select(p => new ProbeExample(p.Instruction, label, group)).ToList();
        var train = Take("harmful_train", s.TrainPerClass, 1, "train").Concat(Take("harmless_train", s.TrainPerClass, 0, "train")).ToList();
        var val = Take("harmful_val", s.ValPerClass, 1, "val").Concat(Take("harmless_val", s.ValPerClass, 0, "val")).ToList();

        var evalRows = WildJailbreakTsv.Load(ctx.Dataset("wildjailbreak_eval")).Where(r => r.DataType == "adversarial_harmful" && r.Text is not null)
            .Select(r => (Text: r.Text!, Tokens: paper.Encode(r.Text!).Length)).OrderBy(r => r.Tokens).Select(r => r.Text).ToList();
        var (adversarialTest, scanned) = Screen(ctx, paper, s, judge, evalRows);
        return (train, val, [.. Take("harmful_test", s.TestVanilla, 1, Vanilla), .. adversarialTest], scanned);
    }

    /// <summary>
    /// The paper's split of WildJailbreak train (§7.4, wildjailbreak.ipynb): vanilla_harmful (1) and vanilla_benign (0),
    /// each drawn at random without replacement from the rows after the first <see cref="PaperProbesSettings.VanillaOffset"/>
    /// (np.random.choice(v[20000:], …); our draw is seeded but is not numpy's stream), then train = [0, T), val = [T, T+V),
    /// test vanilla = harmful [T+V, T+V+N). The paper shuffles the training rows; a full-batch probe does not depend on their order.
    /// </summary>
    public static (List<ProbeExample> Train, List<ProbeExample> Val, List<ProbeExample> TestVanilla) FromTrainFile(IReadOnlyList<WildJailbreakRow> rows, PaperProbesSettings s)
    {
        List<string> Of(string type, int seed) => Draw(rows.Where(r => r.DataType == type && r.Text is not null).Select(r => r.Text!).Skip(s.VanillaOffset).ToList(), seed);
        var harmful = Of("vanilla_harmful", s.Seed);
        var benign = Of("vanilla_benign", s.Seed + 1);
        var (t, v) = (s.TrainPerClass, s.ValPerClass);
        if (harmful.Count < t + v + s.TestVanilla || benign.Count < t + v)
            throw new ArgumentException($"WildJailbreak train: {harmful.Count} vanilla_harmful / {benign.Count} vanilla_benign rows, need {t + v + s.TestVanilla} / {t + v}.");
        List<ProbeExample> Slice(List<string> src, int from, int n, int label, string group) => src.Skip(from).Take(n).Select(p => new ProbeExample(p, label, group)).ToList();
        return ([.. Slice(harmful, 0, t, 1, "train"), .. Slice(benign, 0, t, 0, "train")], [.. Slice(harmful, t, v, 1, "val"), .. Slice(benign, t, v, 0, "val")],
            Slice(harmful, t + v, s.TestVanilla, 1, Vanilla));
    }

    /// <summary>
    /// The train file's adversarial candidates in the notebook's order: adversarial_harmful rows sorted by word count
    /// (stable), the window [skip, end) kept, so the 500 shortest (often fragments) are dropped.
    /// </summary>
    public static List<string> AdversarialWindow(IReadOnlyList<WildJailbreakRow> rows, PaperProbesSettings s) =>
        rows.Where(r => r.DataType == "adversarial_harmful" && r.Text is not null).Select(r => r.Text!)
            .OrderBy(t => t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length)
            .Take(s.AdversarialWindowEnd).Skip(s.AdversarialSkip).ToList();

    /// <summary>A seeded draw without replacement of every element, in drawn order (partial Fisher–Yates).</summary>
    private static List<string> Draw(List<string> pool, int seed)
    {
        var rng = new Random(seed);
        var a = pool.ToArray();
        for (var i = 0; i < a.Length - 1; i++)
        {
            var j = i + rng.Next(a.Length - i);
            (a[i], a[j]) = (a[j], a[i]);
        }
        return [.. a];
    }

    /// <summary>
    /// The adversarial test group: the candidates in the given order (fallback: shortest first by tokens; train file:
    /// the notebook's word-count window) that fit the context and jailbreak the model, screened by greedy generation and the judge.
    /// </summary>
    private static (List<ProbeExample> Adversarial, int Scanned) Screen(StageContext ctx, PaperSubject paper, PaperProbesSettings s, IJailbreakJudge judge,
        IReadOnlyList<string> candidates)
    {
        var adversarial = candidates.Where(t => paper.Encode(t).Length <= s.MaxPromptTokens).Take(s.AdversarialScan).ToList();
        var progress = ctx.Progress(adversarial.Count, "adversarial generations");
        var responses = ctx.Items.MapBatched(adversarial, p => $"probe-screen\n{s.MaxNewTokens}\n{paper.Chat.Render(p)}",
            batch => paper.Generation.Complete(batch, s.MaxNewTokens), s.BatchSize, progress, ctx.Cancellation);
        var jailbroken = judge.IsJailbroken(adversarial, responses);
        return (adversarial.Where((_, i) => jailbroken[i]).Take(s.TestAdversarial).Select(p => new ProbeExample(p, 0, Adversarial)).ToList(), adversarial.Count);
    }
}
