using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Dashboards;
using RefusalSae.Experiments.Paper.Evaluation;
using RefusalSae.Experiments.Paper.Subject;
using RefusalSae.Experiments.Stages.Paper;
using RefusalSae.Experiments.Stages.ToyCorpus;
using RefusalSae.Experiments.Toy.Corpus;

namespace RefusalSae.Experiments.Stages.FeatureDashboards;

/// <summary>
/// The texts every dashboard reads: the evaluation sets' harmful prompts (as paper-features attributes them), the
/// first harmless prompts paper-filter kept, and, when the model is one we trained, evenly spaced conversations of
/// its training corpus with their trained responses, cut at report.dashboards.max_tokens.
/// </summary>
public static class DashboardTexts
{
    public static IReadOnlyList<DashboardText> Load(StageContext ctx, PaperSubject paper, DashboardSettings s, int promptsPerSet)
    {
        var texts = new List<DashboardText>();
        foreach (var (set, prompts) in EvaluationSets.Harmful(ctx.Dataset, promptsPerSet))
            texts.AddRange(prompts.Select(p => new DashboardText(DashboardText.Harmful(set), Cut(paper.Encode(p.Instruction), s))));
        var filtered = FilteredPrompts.Load(ctx.Upstream("paper-filter"));
        texts.AddRange(filtered.Harmless.Take(s.Harmless).Select(p => new DashboardText(DashboardText.Harmless, Cut(paper.Encode(p), s))));
        if (s.CorpusStage.Length > 0 && ctx.HasUpstream(s.CorpusStage) && s.CorpusExamples > 0)
        {
            var corpus = ToyCorpusOutput.Read(ctx.Upstream(s.CorpusStage));
            var step = Math.Max(1, corpus.Count / s.CorpusExamples);
            foreach (var e in corpus.Where((_, i) => i % step == 0).Take(s.CorpusExamples))
            {
                // The conversation as train-model saw it (Toy/Training/ToySequences): the rendered prompt, then the response.
                int[] ids = [.. paper.Encode(e.Prompt), .. paper.Tokenizer.Encode(e.Response + "<end_of_turn>", addSpecialTokens: false)];
                texts.Add(new DashboardText(DashboardText.Corpus, Cut(ids, s)));
            }
        }
        return texts;
    }

    private static int[] Cut(int[] ids, DashboardSettings s) => ids.Length <= s.MaxTokens ? ids : ids[..s.MaxTokens];
}
