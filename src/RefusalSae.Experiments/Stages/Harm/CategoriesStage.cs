using System.Text.Json;
using RefusalSae.Core.Tokenization;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Data;
using RefusalSae.Experiments.Harm;
using RefusalSae.Experiments.Paper;
using RefusalSae.Experiments.Stages.Paper;
using static TorchSharp.torch;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.Paper.Selection;
using RefusalSae.Experiments.Judges;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>
/// paper-categories (§4.2, paper-method §7.1): per CATQA category, the direction, LA-IG and the global set F*_cat;
/// the common set and each category's specific set; greedy generations under the all / specific / common /
/// specific-transfer ablations (retention of the other set at clean values on the prompt), judged per prompt; the
/// normalised jailbreak table, the Jaccard heatmap and the paper's bar figure. Outputs sets.json, completions.jsonl,
/// metrics.json, categories.{md,csv,png,svg}, overlap.{png,svg}, shared.{md,csv}.
/// </summary>
public sealed class CategoriesStage : IStage
{
    public string Name => "paper-categories";

    public void Run(StageContext ctx)
    {
        var f = ctx.Config<PaperFeaturesSettings>("paper.features");
        var s = ctx.Config<PaperCategoriesSettings>("paper.categories");
        if (s.QuestionsPerCategory < 1) throw new StageException("RSW374", $"paper.categories.questions_per_category = {s.QuestionsPerCategory}: need at least 1.");
        using var judge = JailbreakJudges.Load(ctx, s.Judge, "paper.categories.judge");
        var filtered = FilteredPrompts.Load(ctx.Upstream("paper-filter"));
        var names = EvalConstants.Load(ctx.Dataset("eval_constants")).StringList(CatqaJson.PaperCategoriesConstant);
        var categories = CatqaJson.ByCategory(CatqaJson.Load(ctx.Dataset("catqa")), names)
            .Select(c => (c.Category, Prompts: (IReadOnlyList<string>)c.Questions.Take(s.QuestionsPerCategory).Select(q => q.Question).ToList())).ToList();
        using var paper = PaperSubject.Load(ctx, withSaes: true);

        var selection = ctx.Progress(categories.Sum(c => c.Prompts.Count), "prompts (LA-IG)");
        var global = new Dictionary<string, IReadOnlyList<FeatureRef>>();
        foreach (var (cat, prompts) in categories)
        {
            global[cat] = SetAttribution.Compute(ctx, paper, prompts, filtered.Harmless, f, filtered.RefusalId, selection).Global;
            ctx.Log.WriteLine($"paper-categories: {cat}: F* {string.Join(" ", global[cat].Take(8))} …");
        }
        var sets = names.Select(n => global[n]).ToList();
        var common = CategoryOverlap.Common(sets, s.CommonMinCategories);
        var specific = names.ToDictionary(n => n, n => CategoryOverlap.Specific(global[n], common.ToHashSet()));
        ctx.Log.WriteLine($"paper-categories: common ({(s.CommonMinCategories <= 0 ? "intersection" : $"in ≥ {s.CommonMinCategories} sets")}): " +
                          $"{common.Count} features {string.Join(" ", common)}");

        var runs = names.ToDictionary(n => n, n => CategoryRun.For(n, global, common, specific, s.Clamp, s.AllClamp));
        var generation = ctx.Progress(categories.Sum(c => c.Prompts.Count * runs[c.Category].Count(r => !r.IsEmpty)), "generations");
        var rates = new Dictionary<(string Category, string Run), double>();
        using (var log = new StreamWriter(ctx.Output("completions.jsonl")))
            foreach (var (cat, prompts) in categories)
                foreach (var run in runs[cat])
                {
                    if (run.IsEmpty) { rates[(cat, run.Label)] = double.NaN; continue; }
                    var responses = Generate(ctx, paper, run, prompts, s, generation);
                    var jailbroken = judge.IsJailbroken(prompts, responses);
                    rates[(cat, run.Label)] = jailbroken.Count(j => j) / (double)prompts.Count;
                    for (var i = 0; i < prompts.Count; i++)
                        log.WriteLine(JsonSerializer.Serialize(new { category = cat, run = run.Label, prompt = prompts[i], response = responses[i], jailbroken = jailbroken[i] }));
                }
        var result = new CategorySets(names, global, common, specific, s.CommonMinCategories);
        File.WriteAllText(ctx.Output(CategorySets.File), JsonSerializer.Serialize(result, SelectedFeatures.Json));
        CategoriesReport.Write(ctx.OutputDirectory, result, rates, s, judge.Name, categories[0].Prompts.Count);
        foreach (var n in names)
            ctx.Log.WriteLine($"paper-categories: {n}: all {Fmt(rates[(n, CategoryRun.All)])}, specific {Fmt(rates[(n, CategoryRun.Specific)])}, " +
                              $"common {Fmt(rates[(n, CategoryRun.Common)])} (jailbreak rates, base {Fmt(rates[(n, CategoryRun.Base)])})");
    }

    private static string Fmt(double v) => double.IsNaN(v) ? "n/a" : v.ToString("F2", System.Globalization.CultureInfo.InvariantCulture);

    private static IReadOnlyList<string> Generate(StageContext ctx, PaperSubject paper, CategoryRun run, IReadOnlyList<string> prompts,
        PaperCategoriesSettings s, ProgressReporter progress) =>
        ctx.Items.MapBatched(prompts, p => $"gen\n{run.Content}\n{s.MaxNewTokens}\n{paper.Chat.Render(p)}", batch =>
        {
            using var scope = NewDisposeScope();
            var (ids, mask) = BatchEncoding.LeftPad(batch.Select(paper.Encode).ToList(), paper.Tokenizer.PadId).ToTensors(paper.Model.Device);
            var clean = RetainedScaling.CleanValues(paper.Model, paper.Saes, run.Retained, ids, mask);
            try
            {
                using var hook = run.Kind == CategoryRun.Base ? null
                    : RetainedScaling.Install(paper.Model, paper.Saes, run.Scaled, run.Clamp, run.Retained, clean);
                return paper.Generation.Complete(batch, s.MaxNewTokens);
            }
            finally
            {
                foreach (var t in clean.Values) t.Dispose();
            }
        }, s.BatchSize, progress, ctx.Cancellation);
}

/// <summary>paper-categories' feature sets: F*_cat per category (ranked), the common set and each specific set.</summary>
public sealed record CategorySets(IReadOnlyList<string> Categories, IReadOnlyDictionary<string, IReadOnlyList<FeatureRef>> Global,
    IReadOnlyList<FeatureRef> Common, IReadOnlyDictionary<string, IReadOnlyList<FeatureRef>> Specific, int CommonMinCategories)
{
    public const string File = "sets.json";

    /// <summary>
    /// The refusal features the §4.3 and probing stages read: the category sets of paper-categories shared by at least
    /// <paramref name="minCategories"/> categories (0 = all of them, the paper's common set).
    /// </summary>
    public IReadOnlyList<FeatureRef> RefusalFeatures(int minCategories) =>
        CategoryOverlap.Common(Categories.Select(c => Global[c]).ToList(), minCategories);

    public static CategorySets Load(string dir) =>
        JsonSerializer.Deserialize<CategorySets>(System.IO.File.ReadAllText(Path.Combine(dir, File)), SelectedFeatures.Json)
        ?? throw new StageException("RSW376", $"{Path.Combine(dir, File)}: empty.");
}
