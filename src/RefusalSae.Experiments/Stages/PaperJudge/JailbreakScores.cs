using RefusalSae.Experiments.Paper;

namespace RefusalSae.Experiments.Stages.PaperJudge;

/// <summary>
/// The §4.1 numbers per (method, set): HarmBench ASR (NaN without a judge) and substring refusal rate, with methods
/// and sets in the paper's order (Base, CosSim, ActDiff, AP, Ours, AS, then our Random control; HarmBench,
/// JailbreakBench, AdvBench).
/// </summary>
public sealed class JailbreakScores
{
    private readonly Dictionary<(string Method, string Set), (double Asr, double Refusal, int N)> _cells = [];

    private JailbreakScores(IReadOnlyList<string> methods, IReadOnlyList<string> sets) => (Methods, Sets) = (methods, sets);

    public IReadOnlyList<string> Methods { get; }
    public IReadOnlyList<string> Sets { get; }

    public double Asr(string method, string set) => _cells[(method, set)].Asr;
    public double Refusal(string method, string set) => _cells[(method, set)].Refusal;
    public int Count(string method, string set) => _cells[(method, set)].N;

    public static JailbreakScores From(IReadOnlyList<JudgedCompletion> judged)
    {
        var methods = InOrder(JailbreakMethod.All(apMisindexed: true).Select(m => m.Name), judged.Select(j => j.Method));
        var sets = InOrder(PaperNumbers.SetOrder, judged.Select(j => j.Set));
        var scores = new JailbreakScores(methods, sets);
        foreach (var g in judged.GroupBy(j => (j.Method, j.Set)))
        {
            var items = g.ToList();
            var asr = items.Any(j => j.Harmbench is null) ? double.NaN : items.Count(j => j.Harmbench == true) / (double)items.Count;
            scores._cells[g.Key] = (asr, items.Count(j => j.Refused) / (double)items.Count, items.Count);
        }
        foreach (var m in methods)
            foreach (var s in sets)
                scores._cells.TryAdd((m, s), (double.NaN, double.NaN, 0));
        return scores;
    }

    /// <summary>The preferred order first (only names present), then the rest in order of appearance.</summary>
    private static List<string> InOrder(IEnumerable<string> preferred, IEnumerable<string> present)
    {
        var seen = present.Distinct().ToList();
        return preferred.Where(seen.Contains).Concat(seen.Where(s => !preferred.Contains(s))).ToList();
    }

    /// <summary>The paper's x-axis labels (benchmarking.ipynb "Plot both"); other sets keep their catalog id.</summary>
    public static string Label(string set) => set switch
    {
        "harmbench_test" => "Harmbench",
        "jailbreakbench" => "Jailbreakbench",
        "advbench" => "Advbench",
        _ => set,
    };
}
