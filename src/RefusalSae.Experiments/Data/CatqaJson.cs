using System.Text.Json;

namespace RefusalSae.Experiments.Data;

/// <summary>
/// Loader for CATQA as declare-lab/red-instruct ships it (catalog format <c>catqa-nested-json</c>):
/// <c>{Category: {Subcategory: [Question, ...]}}</c>, flattened in key order, which is the row order of the HF split
/// <c>en</c> (declare-lab/CategoricalHarmfulQA).
/// </summary>
public static class CatqaJson
{
    public const string Format = "catqa-nested-json";

    /// <summary>eval_constants.json entry with the paper's 7 categories, in the paper's order (paper-method §7.1).</summary>
    public const string PaperCategoriesConstant = "catqa_categories_used";

    public static IReadOnlyList<CatqaQuestion> Load(string path)
    {
        var (doc, lines) = JsonSource.Parse(path);
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new DataFormatException(path, 1, $"expected a JSON object {{Category: {{Subcategory: [Question]}}}}, found {doc.RootElement.ValueKind}");
            var questions = new List<CatqaQuestion>();
            var c = 0;
            foreach (var category in doc.RootElement.EnumerateObject())
            {
                var line = lines[c++];
                if (category.Value.ValueKind != JsonValueKind.Object)
                    throw new DataFormatException(path, line, $"category '{category.Name}' must map subcategories to question lists, found {category.Value.ValueKind}");
                foreach (var sub in category.Value.EnumerateObject())
                {
                    if (sub.Value.ValueKind != JsonValueKind.Array)
                        throw new DataFormatException(path, line, $"'{category.Name}' / '{sub.Name}' must be a list of questions, found {sub.Value.ValueKind}");
                    var q = 0;
                    foreach (var question in sub.Value.EnumerateArray())
                    {
                        if (question.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(question.GetString()))
                            throw new DataFormatException(path, line, $"'{category.Name}' / '{sub.Name}' [{q}] must be a non-empty string");
                        questions.Add(new CatqaQuestion($"catqa:{questions.Count}", category.Name, sub.Name, question.GetString()!));
                        q++;
                    }
                }
            }
            return questions;
        }
    }

    /// <summary>
    /// The questions of the given categories, grouped in the given order, file order within each group, as the
    /// paper's <c>cat_harm.py</c> does. An unknown category is an error naming the ones present.
    /// </summary>
    public static IReadOnlyList<(string Category, IReadOnlyList<CatqaQuestion> Questions)> ByCategory(
        IReadOnlyList<CatqaQuestion> questions, IReadOnlyList<string> categories)
    {
        var present = questions.Select(q => q.Category).Distinct().ToList();
        return [.. categories.Select(cat => present.Contains(cat)
            ? (cat, (IReadOnlyList<CatqaQuestion>)[.. questions.Where(q => q.Category == cat)])
            : throw new ArgumentException($"CATQA has no category '{cat}' (present: {string.Join(", ", present)})"))];
    }
}
