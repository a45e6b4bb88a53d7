using System.Text.Json;
using RefusalSae.Experiments.Harm;
using RefusalSae.Experiments.Reporting;

namespace RefusalSae.Experiments.Stages.Harm;

/// <summary>The §4.2 outputs: normalised jailbreak table, Jaccard heatmap, the paper's bar figure and the sharing table.</summary>
public static class CategoriesReport
{
    /// <summary>The paper's figure labels (paper-method §6.8); other categories keep their own name.</summary>
    private static readonly Dictionary<string, string> Short = new()
    {
        ["Illegal Activity"] = "Ill.Act", ["Child Abuse"] = "Child.A", ["Hate/Harass/Violence"] = "H/H/V", ["Physical Harm"] = "Phys.H",
        ["Economic Harm"] = "Econ.H", ["Fraud/Deception"] = "Fra/Dec", ["Adult Content"] = "Adult.C",
    };

    public static string Label(string category) => Short.GetValueOrDefault(category, category);

    public static void Write(string dir, CategorySets sets, IReadOnlyDictionary<(string Category, string Run), double> rates,
        PaperCategoriesSettings s, string judge, int perCategory)
    {
        var cats = sets.Categories;
        double Rate(string c, string run) => rates[(c, run)];
        double Transfer(string c) => NormalisedRate.MeanDefined(cats.Where(o => o != c).Select(o => Rate(c, $"{CategoryRun.Transfer}:{o}")));
        var norm = cats.ToDictionary(c => c, c => (
            Specific: NormalisedRate.Of(Rate(c, CategoryRun.Specific), Rate(c, CategoryRun.All)),
            Common: NormalisedRate.Of(Rate(c, CategoryRun.Common), Rate(c, CategoryRun.All)),
            Transfer: NormalisedRate.Of(Transfer(c), Rate(c, CategoryRun.All))));
        var rows = cats.Select(c => (IReadOnlyList<string>)
        [
            c, Table.Percent(Rate(c, CategoryRun.Base)), Table.Percent(Rate(c, CategoryRun.All)), Table.Percent(Rate(c, CategoryRun.Specific)),
            Table.Percent(Rate(c, CategoryRun.Common)), Table.Percent(Transfer(c)),
            Table.Cell(norm[c].Specific, 2), Table.Cell(norm[c].Common, 2), Table.Cell(norm[c].Transfer, 2),
            $"{sets.Global[c].Count}/{sets.Specific[c].Count}",
        ]).ToList();
        rows.Add(["mean", "", "", "", "", "", Table.Cell(NormalisedRate.MeanDefined(cats.Select(c => norm[c].Specific)), 2),
            Table.Cell(NormalisedRate.MeanDefined(cats.Select(c => norm[c].Common)), 2), Table.Cell(NormalisedRate.MeanDefined(cats.Select(c => norm[c].Transfer)), 2), ""]);
        var rule = s.CommonMinCategories <= 0 ? "the intersection of all category sets (the paper's)" : $"features in at least {s.CommonMinCategories} category sets (ours, not the paper's intersection)";
        var table = new Table("§4.2 CATQA: jailbreak rate per category under each ablation, normalised by the full-set ablation",
            ["category", "base (%)", "all (%)", "specific (%)", "common (%)", "specific transfer (%)", "Specific / all", "Common / all", "Specific (T) / all", "|F*| / |specific|"], rows)
        {
            Notes =
            [
                $"First {perCategory} questions of each category; greedy, {s.MaxNewTokens} new tokens; jailbroken = {(judge == "substring" ? "not refused by the substring judge (§6.1)" : judge)}.",
                $"common = {rule}: {sets.Common.Count} features {string.Join(" ", sets.Common)}; specific = the first |common| features of F*_cat outside common.",
                $"specific / common / transfer multiply by c = {s.Clamp} and hold the other set at its clean values on the prompt (§9 #9); all multiplies F*_cat by {s.AllClamp}.",
                "Specific (T) = mean over the other categories' specific sets applied to this category's prompts, then divided by all.",
                "n/a: the ablated set is empty, or the all ablation jailbreaks nothing (the paper divides by zero there, §9 #10).",
            ],
        };
        TableWriter.Write(table.Validate(), dir, "categories");

        var labels = cats.Select(Label).ToList();
        GroupedBarFigure.Save(dir, "categories", "Harm categories: jailbreak normalised by the full-set ablation", "Normalized Jailbreak", labels,
            ["Specific", "Common", "Specific (Transfer)"],
            [cats.Select(c => norm[c].Specific).ToArray(), cats.Select(c => norm[c].Common).ToArray(), cats.Select(c => norm[c].Transfer).ToArray()]);
        HeatmapFigure.Save(dir, "overlap", "Jaccard overlap of the category feature sets F*", labels, CategoryOverlap.JaccardMatrix(cats.Select(c => sets.Global[c]).ToList()));

        var atLeast = CategoryOverlap.SharedAtLeast(cats.Select(c => sets.Global[c]).ToList());
        var shared = new Table("§4.2 CATQA: features shared by at least k category sets (ours; the paper's common set is k = all)",
            ["k", "features", "examples"],
            atLeast.Select((n, i) => (IReadOnlyList<string>)[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), n.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Join(" ", CategoryOverlap.Common(cats.Select(c => sets.Global[c]).ToList(), i + 1).Take(6))]).ToList());
        TableWriter.Write(shared.Validate(), dir, "shared");

        var metrics = new
        {
            rates = cats.ToDictionary(c => c, c => rates.Where(p => p.Key.Category == c).ToDictionary(p => p.Key.Run, p => Json(p.Value))),
            normalised = cats.ToDictionary(c => c, c => new { specific = Json(norm[c].Specific), common = Json(norm[c].Common), transfer = Json(norm[c].Transfer) }),
            common = sets.Common.Select(f => f.ToString()).ToList(),
            shared_at_least = atLeast,
        };
        File.WriteAllText(Path.Combine(dir, "metrics.json"), JsonSerializer.Serialize(metrics, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static double? Json(double v) => double.IsNaN(v) ? null : v;
}
