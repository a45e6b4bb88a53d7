using RefusalSae.Experiments.Data;

namespace RefusalSae.Experiments.Toy.Corpus;

/// <summary>
/// The paper code's <c>load_template_harm_dataset()</c> prompts with its <em>train</em> verbs:
/// <c>[t.format(verb=v) for t in templates for v in verbs]</c>. No evaluation of the paper reads them.
/// </summary>
public static class TemplateHarmPrompts
{
    public static IReadOnlyList<Prompt> Load(EvalConstants constants)
    {
        var templates = constants.StringList("template_harm_templates");
        var verbs = constants.StringList("template_harm_train_verbs");
        var prompts = new List<Prompt>(templates.Count * verbs.Count);
        foreach (var t in templates)
            foreach (var v in verbs)
                prompts.Add(new Prompt($"template_harm:{prompts.Count}", t.Replace("{verb}", v, StringComparison.Ordinal), null));
        return prompts;
    }
}
