namespace RefusalSae.Workflow.Tests.Rehearsal;

/// <summary>
/// experiments/llama-3.1-8b-instruct.yaml end to end on a CPU: a toy Llama-3.1 deepened to 32 layers (Llama-3 tokenizer specials,
/// chat template, untied head, llama3 RoPE scaling) published as the gated meta-llama/Llama-3.1-8B-Instruct (sharded
/// safetensors + index, fetched with HF_TOKEN) and its SAEs as Llama Scope checkpoints under
/// fnlp/Llama3_1-8B-Base-LXR-8x/Llama3_1-8B-Base-L{L}R-8x, read with the config's paper552 threshold and its doubled
/// &lt;|begin_of_text|&gt; chat format.
/// </summary>
public sealed class LlamaRehearsalTests
{
    private const string Experiment = "llama-3.1-8b-instruct";
    private const string ScopeRepo = "fnlp/Llama3_1-8B-Base-LXR-8x";

    [Fact]
    public void The_llama_paper_config_runs_every_stage_on_models_fetched_from_a_gated_hub()
    {
        using var r = new PaperRehearsal();
        var organism = r.TrainOrganism("llama", """
            toy:
              model:
                architecture: llama3
              train:
                max_length: 128           # the Llama-3.1 template's system preamble takes ~40 toy tokens
                # Measured, paper config's doubled BOS, toy-ci's learning rate: 30 and 80 steps start every answer with "I" (the
                # filter keeps no harmless prompt), also with the template's single BOS; 150 steps at 0.01 with the first
                # token weighted 4x keep 14/16 harmful and 14/16 harmless.
                steps: 150
                learning_rate: 0.01
                first_token_weight: 4.0
              sae:
                layout: llama-scope
            """);

        var (model, trained) = r.PublishedSnapshot(Path.Combine(organism, "train-model", "model"), layers: 32);
        foreach (var file in new[] { "tokenizer_config.json", "special_tokens_map.json", "generation_config.json" }) Assert.Contains(file, model.Keys);
        r.Hub.AddRepo("meta-llama/Llama-3.1-8B-Instruct", model, gatedToken: PaperRehearsal.HubToken);
        var template = Assert.Single(PaperRehearsal.HubPaths(Experiment, ScopeRepo));
        Assert.Contains("{layer}", template);
        var scope = new Dictionary<string, string>();
        for (var layer = 0; layer < 32; layer++)
        {
            var folder = template.Replace("{layer}", layer.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var saved = Path.Combine(organism, "train-sae", "saes", $"layer_{Math.Min(layer, trained - 1)}");
            scope[$"{folder}/hyperparams.json"] = r.HyperparamsAt(Path.Combine(saved, "hyperparams.json"), layer);
            scope[$"{folder}/checkpoints/final.safetensors"] = Path.Combine(saved, "checkpoints", "final.safetensors");
        }
        r.Hub.AddRepo(ScopeRepo, scope);

        var result = r.RunPaper(Experiment, PaperRehearsal.TestSizes(bestLayer: 11));
        r.CheckRun(Experiment, result);

        var downloads = r.Hub.Downloads;
        Assert.Contains("meta-llama/Llama-3.1-8B-Instruct/tokenizer_config.json", downloads);
        Assert.Contains("meta-llama/Llama-3.1-8B-Instruct/model-00002-of-00002.safetensors", downloads);
        Assert.Equal(64, downloads.Count(d => d.StartsWith(ScopeRepo, StringComparison.Ordinal)));
    }
}
