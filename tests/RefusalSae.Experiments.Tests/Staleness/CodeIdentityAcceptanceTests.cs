using RefusalSae.Engine.Code;
using RefusalSae.Testing;

namespace RefusalSae.Experiments.Tests.Staleness;

/// <summary>
/// Real edits to the real sources, compiled in a scratch folder, and the stages whose keys they change. A stage key
/// changes exactly when <see cref="StageCode.Code"/> does, and its cached items are recomputed only when
/// <see cref="StageCode.ItemCode"/> does, so these sets are the stale sets a build would report.
/// </summary>
public sealed class CodeIdentityAcceptanceTests(CodeIdentityAcceptanceTests.Variants variants) : IClassFixture<CodeIdentityAcceptanceTests.Variants>
{
    /// <summary>
    /// Stages that draw a figure with Reporting.Figure (directly or through Line/GroupedBar/Heatmap figures): the
    /// stages of the files `grep -l Figure src/RefusalSae.Experiments/Stages` lists (CategoriesReport, SuffixFigure,
    /// JailbreakReport, PaperJudge/JailbreakTable, InductionFigure, TrainModelStage), and feature-dashboards' histograms.
    /// </summary>
    private static readonly string[] FigureStages =
        ["feature-dashboards", "paper-categories", "paper-induction", "paper-jailbreak", "paper-judge", "paper-suffixes", "train-model"];

    /// <summary>
    /// Stages that left-pad token batches: BatchEncoding.LeftPad/Encode are called by ChatGeneration (every greedy
    /// generation: behaviour, jailbreak, categories, suffixes, probes, wildjailbreak, rollouts, induction, gsm8k, arc),
    /// FirstTokens (paper-filter), RefusalDirection/LaIg (paper-features), CeForward (paper-ce) and the local HarmBench
    /// judge (paper-judge), and feature-dashboards' per-token activations. The toy training stages pad with their own
    /// ToySequences and do not use it.
    /// </summary>
    private static readonly string[] LeftPadStages =
        ["behaviour", "feature-dashboards", "paper-arc", "paper-categories", "paper-ce", "paper-features", "paper-filter", "paper-gsm8k", "paper-induction",
         "paper-jailbreak", "paper-judge", "paper-probes", "paper-rollouts", "paper-suffixes", "paper-wildjailbreak"];

    [Fact]
    public void A_comment_and_formatting_edit_to_every_source_file_changes_no_stage_key_and_no_item_key()
    {
        var edited = variants.Analyse(variants.CoreCosmetic, variants.ExperimentsCosmetic);
        Assert.Equal(variants.Base.Count, edited.Count);
        Assert.Empty(Changed(variants.Base, edited, c => c.Code));
        Assert.Empty(Changed(variants.Base, edited, c => c.ItemCode));
    }

    [Fact]
    public void A_figure_colour_edit_reruns_only_the_stages_that_render_figures_and_recomputes_no_item()
    {
        var edited = variants.Analyse(variants.CoreBase, variants.ExperimentsColour);
        Assert.Equal(FigureStages, Changed(variants.Base, edited, c => c.Code));
        Assert.Empty(Changed(variants.Base, edited, c => c.ItemCode));
    }

    [Fact]
    public void A_change_to_LeftPad_reruns_exactly_the_stages_whose_results_depend_on_it()
    {
        var edited = variants.Analyse(variants.CoreLeftPad, variants.ExperimentsBase);
        var changed = Changed(variants.Base, edited, c => c.Code);
        Assert.Equal(LeftPadStages, changed);
        // The items of the generation and attribution stages pad their batches, so they are recomputed too.
        var items = Changed(variants.Base, edited, c => c.ItemCode);
        Assert.Subset(changed.ToHashSet(), items.ToHashSet());
        Assert.Superset(new HashSet<string> { "behaviour", "paper-features", "paper-jailbreak", "paper-judge" }, items.ToHashSet());
    }

    [Fact]
    public void Deleting_a_source_file_changes_the_keys_of_exactly_the_stages_that_reached_it()
    {
        // Before the edit, the stages that reach a method of the deleted file's type.
        var reached = variants.Base.Keys.Where(stage => CodeAnalysis.Reached(variants.BaseAssemblies, stage, items: false)
            .Any(m => m.Contains(Variants.DeletedType + "::", StringComparison.Ordinal))).Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(reached);
        Assert.True(reached.Count < variants.Base.Count, "every stage reaches the deleted file: the test shows nothing");

        var edited = variants.Analyse(variants.CoreBase, variants.ExperimentsDeleted);
        Assert.Equal(variants.Base.Keys, edited.Keys);
        Assert.Equal(reached, Changed(variants.Base, edited, c => c.Code));
    }

    private static List<string> Changed(IReadOnlyDictionary<string, StageCode> before, IReadOnlyDictionary<string, StageCode> after, Func<StageCode, string> part)
    {
        var changed = before.Keys.Where(k => part(before[k]) != part(after[k])).Order(StringComparer.Ordinal).ToList();
        Console.WriteLine($"changed: [{string.Join(", ", changed)}]");
        return changed;
    }

    /// <summary>The unedited sources and each edit, compiled once for the class.</summary>
    public sealed class Variants : IDisposable
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("rsw-code-identity-").FullName;
        private readonly string _bin = AppContext.BaseDirectory;

        public Variants()
        {
            var packages = Directory.GetFiles(_bin, "*.dll").Where(f => !Path.GetFileName(f).StartsWith("RefusalSae.", StringComparison.Ordinal)).ToList();
            var engine = Path.Combine(_bin, "RefusalSae.Engine.dll");
            var core = Path.Combine(_bin, "RefusalSae.Core.dll");
            string Core(string name, Func<string, string, string> edit) => SourceCompiler.Compile("RefusalSae.Core", Path.Combine(_dir, name), edit, [.. packages, engine]);
            string Experiments(string name, Func<string, string, string> edit) => SourceCompiler.Compile("RefusalSae.Experiments", Path.Combine(_dir, name), edit, [.. packages, engine, core]);
            CoreBase = Core("core-base", (_, t) => t);
            CoreCosmetic = Core("core-cosmetic", (_, t) => CosmeticEdit.Apply(t));
            CoreLeftPad = Core("core-leftpad", (f, t) => f == "Tokenization/BatchEncoding.cs"
                ? Replace(t, "mask[b, offset + j] = 1;", "mask[b, offset + j] = s[j] == padId ? 0 : 1;") : t);
            ExperimentsBase = Experiments("exp-base", (_, t) => t);
            ExperimentsCosmetic = Experiments("exp-cosmetic", (_, t) => CosmeticEdit.Apply(t));
            ExperimentsColour = Experiments("exp-colour", (f, t) => f == "Reporting/Figure.cs"
                ? Replace(t, "new ScottPlot.Palettes.Category10().GetColor(index)", "new ScottPlot.Palettes.Category10().GetColor(index + 1)") : t);
            // Paper/ResidualReads.cs deleted; its two callers read through a renamed copy kept in RefusalDirection.cs (a
            // file removed in a refactoring that moves its code): the methods it defined are gone from the assembly.
            ExperimentsDeleted = Experiments("exp-deleted", (f, t) => f switch
            {
                "Paper/ResidualReads.cs" => "",
                "Paper/RefusalDirection.cs" => "using RefusalSae.Core.Hooks;\n" + Replace(t, "ResidualReads.LastToken(", "MovedReads.LastToken(") + "\n"
                    + string.Join("\n", File.ReadAllLines(Path.Combine(Paths.RepoRoot, "src", "RefusalSae.Experiments", "Paper", "ResidualReads.cs"))
                        .Where(l => !l.StartsWith("using ", StringComparison.Ordinal) && !l.StartsWith("namespace ", StringComparison.Ordinal)))
                        .Replace("public static class ResidualReads", "internal static class MovedReads", StringComparison.Ordinal),
                "Harm/LastTokenActivations.cs" => Replace(t, "ResidualReads.LastToken(", "MovedReads.LastToken("),
                _ => t,
            });
            Base = Analyse(CoreBase, ExperimentsBase);
        }

        public string CoreBase { get; }
        public string CoreCosmetic { get; }
        public string CoreLeftPad { get; }
        public string ExperimentsBase { get; }
        public string ExperimentsCosmetic { get; }
        public string ExperimentsColour { get; }
        public string ExperimentsDeleted { get; }
        /// <summary>The type of the file <see cref="ExperimentsDeleted"/> deletes, as code identities name it.</summary>
        public const string DeletedType = "RefusalSae.Experiments.Paper.ResidualReads";
        public IReadOnlyList<string> BaseAssemblies => [Path.Combine(_bin, "RefusalSae.Engine.dll"), CoreBase, ExperimentsBase];
        public IReadOnlyDictionary<string, StageCode> Base { get; }

        public IReadOnlyDictionary<string, StageCode> Analyse(string core, string experiments) =>
            CodeAnalysis.Analyse([Path.Combine(_bin, "RefusalSae.Engine.dll"), core, experiments], null);

        private static string Replace(string text, string old, string replacement) =>
            text.Contains(old, StringComparison.Ordinal) ? text.Replace(old, replacement, StringComparison.Ordinal)
                : throw new InvalidOperationException($"the edit no longer applies: '{old}' not found");

        public void Dispose() => Directory.Delete(_dir, recursive: true);
    }
}
