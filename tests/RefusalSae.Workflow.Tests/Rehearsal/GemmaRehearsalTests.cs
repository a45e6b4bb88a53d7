namespace RefusalSae.Workflow.Tests.Rehearsal;

/// <summary>
/// experiments/gemma-2-2b-it.yaml end to end on a CPU: a toy Gemma-2 deepened to 26 layers, published as google/gemma-2-2b-it
/// (sharded safetensors + index) with its SAEs as Gemma Scope params.npz at the config's own 26 paths of
/// google/gemma-scope-2b-pt-res; the config's model and SAE locations, chat format and stop rule are used as they are.
/// </summary>
public sealed class GemmaRehearsalTests
{
    private const string Experiment = "gemma-2-2b-it";
    private const string ScopeRepo = "google/gemma-scope-2b-pt-res";

    [Fact]
    public void The_gemma_paper_config_runs_every_stage_on_models_fetched_from_a_hub()
    {
        using var r = new PaperRehearsal();
        var organism = r.TrainOrganism("gemma", """
            toy:
              model:
                architecture: gemma2
              sae:
                layout: gemma-scope
            """);

        var (model, trained) = r.PublishedSnapshot(Path.Combine(organism, "train-model", "model"), layers: 26);
        r.Hub.AddRepo("google/gemma-2-2b-it", model);
        var paths = PaperRehearsal.HubPaths(Experiment, ScopeRepo);
        Assert.Equal(26, paths.Count);
        var scope = new Dictionary<string, string>();
        for (var layer = 0; layer < paths.Count; layer++)
        {
            Assert.StartsWith($"layer_{layer}/width_65k/average_l0_", paths[layer]);
            var npz = Path.Combine(organism, "train-sae", "saes", $"layer_{Math.Min(layer, trained - 1)}", "params.npz");
            scope[paths[layer]] = npz;
            scope[$"layer_{layer}/width_16k/average_l0_50/params.npz"] = npz;   // a sibling the config does not name: never fetched
        }
        r.Hub.AddRepo(ScopeRepo, scope);

        var result = r.RunPaper(Experiment, PaperRehearsal.TestSizes(bestLayer: 15));
        r.CheckRun(Experiment, result);

        var downloads = r.Hub.Downloads;
        Assert.Contains("google/gemma-2-2b-it/model.safetensors.index.json", downloads);
        Assert.Contains("google/gemma-2-2b-it/model-00001-of-00002.safetensors", downloads);
        Assert.Contains("google/gemma-2-2b-it/model-00002-of-00002.safetensors", downloads);
        Assert.Equal(paths.Select(p => $"{ScopeRepo}/{p}").Order(), downloads.Where(d => d.StartsWith(ScopeRepo, StringComparison.Ordinal)).Distinct().Order());
    }
}
