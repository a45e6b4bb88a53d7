using RefusalSae.Engine.Building;
using RefusalSae.Testing;

namespace RefusalSae.Experiments.Tests.Stages;

/// <summary>
/// experiments/gemma-2-2b-it.yaml and llama-3.1-8b-instruct.yaml need a GPU to run, but their configs are validated
/// and planned here: strict keys, the paper's hyper-parameters, and no toy stage in the plan.
/// </summary>
public class PaperExperimentConfigTests
{
    [Theory]
    [InlineData("gemma-2-2b-it", 26, 15, -3.0, "gemma2")]
    [InlineData("llama-3.1-8b-instruct", 1, 11, -1.0, "llama3.1-paper")]
    public void A_paper_experiment_plans_only_paper_stages_with_the_papers_settings(string name, int saeEntries, int bestLayer, double clamp, string chat)
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_train.json"));
        var plan = ExperimentPlan.Load(Paths.RepoRoot, name, null);
        Assert.DoesNotContain(plan.Stages, s => s.Name.StartsWith("toy-", StringComparison.Ordinal) || s.Name is "train-model" or "train-sae" or "behaviour");
        Assert.Contains(plan.Stages, s => s.Name == "paper-features");
        Assert.DoesNotContain(plan.Pipeline.ByName["paper-features"].Upstream, u => u is "train-model" or "train-sae");
        var v = plan.Config.Values;
        Assert.Equal(saeEntries, v["paper.subject.saes"].Value.AsArray().Count);
        Assert.Equal(bestLayer, v["paper.features.best_layer"].Value.GetValue<long>());
        Assert.Equal(clamp, v["paper.jailbreak.clamp"].Value.GetValue<double>());
        Assert.Equal(chat, v["paper.subject.chat_format"].Value.GetValue<string>());
        Assert.Equal(100, v["paper.eval.prompts_per_set"].Value.GetValue<long>());
        Assert.Equal(20, v["paper.features.k_star"].Value.GetValue<long>());
        Assert.Equal("paper_sample", v["paper.filter.selection"].Value.GetValue<string>());
        Assert.StartsWith("hf:", v["paper.subject.model"].Value.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>
    /// paper-method §4.3 (p_b = first BOS + num_bos_token: 1 Gemma, 26 Llama), §7.2 (get_feat_val skips 1 / 27), §7.3
    /// (screening by substring, success by HarmBench "yes", clamp_feat_by_pos −3 for both models), §7.4 (vanilla rows
    /// after v[20000:], adversarial window [500:20000], best-val probe on last-layer activations). Where the Llama-3.1
    /// template puts those offsets is checked in ChatTemplateTests (position 26 = the system &lt;|eot_id|&gt;, 27 = the user header).
    /// </summary>
    [Theory]
    [InlineData("gemma-2-2b-it", 1, 1)]
    [InlineData("llama-3.1-8b-instruct", 26, 27)]
    public void A_paper_experiment_defaults_to_the_papers_positions_judges_clamps_and_probe_data(string name, int skip, int valueSkip)
    {
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_train.json"));
        var v = ExperimentPlan.Load(Paths.RepoRoot, name, null).Config.Values;
        long Int(string key) => v[key].Value.GetValue<long>();
        string Str(string key) => v[key].Value.GetValue<string>();
        Assert.Equal(skip, Int("paper.features.skip_leading_tokens"));
        Assert.Equal(valueSkip, Int("paper.features.value_skip_leading_tokens"));
        Assert.False(v["paper.features.per_layer_ig"].Value.GetValue<bool>());
        Assert.False(v["paper.features.selection_split"].Value.GetValue<bool>());   // beyond the paper: off by default
        Assert.Equal(-3.0, v["paper.suffixes.upstream_clamp"].Value.GetValue<double>());
        Assert.Equal(v["paper.jailbreak.clamp"].Value.GetValue<double>(), v["paper.suffixes.clamp"].Value.GetValue<double>());
        Assert.Equal(("harmbench", "substring"), (Str("paper.suffixes.judge"), Str("paper.suffixes.screen_judge")));
        Assert.Equal((20000L, 500L, 20000L), (Int("paper.probes.vanilla_offset"), Int("paper.probes.adversarial_skip"), Int("paper.probes.adversarial_window_end")));
        Assert.True(v["paper.probes.dense_test_on_last_layer"].Value.GetValue<bool>());
    }
}
