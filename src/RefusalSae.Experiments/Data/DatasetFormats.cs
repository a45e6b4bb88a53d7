namespace RefusalSae.Experiments.Data;

/// <summary>
/// The catalog's <c>format</c> names and what reads them. <see cref="LoadPrompts"/> gives the prompt view of the
/// prompt-like formats, so a stage can take any declared prompt set by catalog id.
/// </summary>
public static class DatasetFormats
{
    public const string TextTemplate = "text-template";
    public const string ArcHfParquet = ArcParquet.Format;

    /// <summary>Every format the catalog may name.</summary>
    public static IReadOnlySet<string> Known { get; } = new HashSet<string>
    {
        RefusalDirectionJson.Format, AlpacaJson.Format, CatqaJson.Format, WildJailbreakTsv.Format, AdvSuffixesCsv.Format,
        Gsm8kJsonl.Format, ArcJsonl.Format, HarmBenchValSet.Format, HarmBenchBehaviorsCsv.Format, EvalConstants.Format,
        RefusalSamples.Format, PileJsonl.Format, TextTemplate, ArcHfParquet,
    };

    /// <summary>
    /// Prompts of a prompt-like file: instructions (refusal-direction-json, alpaca-json), questions (catqa-nested-json,
    /// with the category), the row's prompt text (wildjailbreak-tsv; rows without text are skipped, as the paper does),
    /// goals (advsuffixes-csv), behaviours (harmbench-behaviors-csv).
    /// </summary>
    public static IReadOnlyList<Prompt> LoadPrompts(string format, string path) => format switch
    {
        RefusalDirectionJson.Format => RefusalDirectionJson.Load(path),
        AlpacaJson.Format => [.. AlpacaJson.Load(path).Select(r => new Prompt(r.Id, r.Instruction, null))],
        CatqaJson.Format => [.. CatqaJson.Load(path).Select(q => new Prompt(q.Id, q.Question, q.Category))],
        WildJailbreakTsv.Format => [.. WildJailbreakTsv.Load(path).Where(r => r.Text is not null).Select(r => new Prompt(r.Id, r.Text!, r.DataType))],
        AdvSuffixesCsv.Format => [.. AdvSuffixesCsv.Load(path).Select(g => new Prompt(g.Id, g.Goal, null))],
        HarmBenchBehaviorsCsv.Format => [.. HarmBenchBehaviorsCsv.Load(path).Select(b => new Prompt(b.BehaviorId, b.Behavior, b.SemanticCategory))],
        _ => throw new ArgumentException($"format '{format}' holds no prompts (prompt formats: refusal-direction-json, alpaca-json, " +
                                         "catqa-nested-json, wildjailbreak-tsv, advsuffixes-csv, harmbench-behaviors-csv)", nameof(format)),
    };

    /// <summary>A text template (the HarmBench classifier prompt): strict UTF-8, read exactly, no trailing newline added or removed.</summary>
    public static string ReadTemplate(string path) => TextSource.ReadText(path);
}
