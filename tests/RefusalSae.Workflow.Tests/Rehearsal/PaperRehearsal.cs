using System.Text.RegularExpressions;
using RefusalSae.Engine.Building;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests.Rehearsal;

/// <summary>
/// The plumbing of a paper-configuration rehearsal on a CPU: a toy organism of the paper model's architecture, trained
/// here at test size by the toy pipeline (a temporary experiment extending toy-ci), deepened to the paper model's layer
/// count with pass-through layers and published on a FakeHub under the paper's repository names and file layouts; the HarmBench judge behind a FakeOpenAiJudge; the datasets the
/// paper downloads stood in by a local mirror. Then the paper's own YAML runs with only sizes, device, dtype and the
/// judge's endpoint overridden.
/// </summary>
public sealed class PaperRehearsal : IDisposable
{
    public const string HubToken = "hf_rehearsal_token";

    private readonly List<string> _experimentFiles = [];

    /// <summary>
    /// One stage cache for the rehearsals of a test run: both organisms start from toy-ci's corpus and tokenizer, which
    /// the second rehearsal then restores instead of rebuilding.
    /// </summary>
    private static readonly Lazy<string> SharedCache = new(() =>
    {
        var dir = Directory.CreateTempSubdirectory("rsw-rehearsal-cache-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, recursive: true); } catch (IOException) { } };
        return dir + "/";
    });

    public PaperRehearsal()
    {
        // Run by default (CI's dotnet test included): each rehearsal is sized to a few CPU-minutes (TestSizes).
        ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_train.json"));
        ThirdParty.Require(Paths.Dataset("llm-foundry", "arc_challenge.jsonl"));
        Root = Directory.CreateTempSubdirectory("rsw-rehearsal-").FullName;
        Hub = new FakeHub();
        Judge = new FakeOpenAiJudge();
        Mirror = RehearsalDatasets.Create(Path.Combine(Root, "mirror"));
    }

    public string Root { get; }
    public string Artifacts => Path.Combine(Root, "artifacts") + "/";
    public string Mirror { get; }
    public FakeHub Hub { get; }
    public FakeOpenAiJudge Judge { get; }

    public Dictionary<string, string> Environment => new()
    {
        ["HF_ENDPOINT"] = Hub.BaseUrl,
        ["HF_TOKEN"] = HubToken,
        ["RSW_HF_CACHE"] = Path.Combine(Root, "hf-cache"),
        ["RSW_DATASETS"] = $"{Paths.Dataset()}:{Mirror}",
    };

    /// <summary>Trains the organism (train-model, train-sae) through a real build; returns its experiment folder.</summary>
    public string TrainOrganism(string name, string yaml)
    {
        var experiment = $"rehearsal-{name}-{Guid.NewGuid():N}"[..32];
        var file = Path.Combine(Paths.RepoRoot, "experiments", experiment + ".yaml");
        _experimentFiles.Add(file);
        File.WriteAllText(file, $"# Written by {nameof(PaperRehearsal)} for one test run; deleted after it.\nextends: toy-ci\ntargets: [train-sae]\n{yaml}");
        var result = DotnetBuild.Experiments(Environment, $"-p:Experiment={experiment}", $"-p:ArtifactsRoot={Artifacts}",
            $"-p:WorkflowCacheRoot={SharedCache.Value}");
        Assert.True(result.ExitCode == 0, result.Output);
        return Path.Combine(Artifacts, experiment);
    }

    /// <summary>
    /// The organism's snapshot as the Hub would hold it, deepened to <paramref name="layers"/> (<see cref="IdentityLayers"/>):
    /// the weights in two shards with an index, every other file as is. Returns the files and the number of trained layers.
    /// </summary>
    public (Dictionary<string, string> Files, int Trained) PublishedSnapshot(string modelDir, int layers)
    {
        var deep = Path.Combine(Root, "deepened");
        var trained = IdentityLayers.Deepen(modelDir, deep, layers);
        var published = Path.Combine(Root, "published");
        Directory.CreateDirectory(published);
        var files = Directory.GetFiles(deep).Where(f => Path.GetFileName(f) != "model.safetensors")
            .ToDictionary(f => Path.GetFileName(f), f => f);
        foreach (var shard in SafeTensorsShards.Split(Path.Combine(deep, "model.safetensors"), published, 2))
            files[shard] = Path.Combine(published, shard);
        files[SafeTensorsShards.IndexFile] = Path.Combine(published, SafeTensorsShards.IndexFile);
        return (files, trained);
    }

    /// <summary>A Llama Scope hyperparams.json serving layer <paramref name="layer"/> (its hook points renamed; the weights are shared).</summary>
    public string HyperparamsAt(string hyperparams, int layer)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(hyperparams))!;
        node["hook_point_in"] = $"blocks.{layer}.hook_resid_post";
        node["hook_point_out"] = $"blocks.{layer}.hook_resid_post";
        var path = Path.Combine(Root, "hyperparams", $"L{layer}", "hyperparams.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    /// <summary>Runs a paper configuration as it is, with <paramref name="sets"/> (sizes, device, dtype) and the judge's endpoint.</summary>
    public DotnetBuild.Result RunPaper(string experiment, IEnumerable<string> sets)
    {
        var all = sets.Concat(["paper.judge.backend=openai", $"paper.judge.openai.endpoint={Judge.BaseUrl}"]);
        return DotnetBuild.Experiments(Environment, $"-p:Experiment={experiment}", $"-p:ArtifactsRoot={Artifacts}", "-p:Set=" + string.Join("%3B", all));
    }

    /// <summary>
    /// Test sizes (after experiments/toy-ci.yaml's paper block, smaller where items multiply), device cpu and dtype float32.
    /// A rehearsal's cost is forward passes through all 26/32 layers: (conditions × new tokens) per generation stage and
    /// (prompts × IG steps) per LA-IG, so those are cut, not the layer count or the paper's methods and clamp values. Batch
    /// sizes stay the config's: at these counts each condition's prompts are one batch, as many of them are on a GPU.
    /// </summary>
    public static IReadOnlyList<string> TestSizes(int bestLayer) =>
    [
        "paper.subject.device=cpu", "paper.subject.dtype=float32",
        "paper.eval.prompts_per_set=2", "paper.filter.harmful=12", "paper.filter.harmless=16",
        $"paper.features.best_layer={bestLayer}", "paper.features.candidates_per_layer=4", "paper.features.k_star=4", "paper.features.ig_steps=2",
        "paper.jailbreak.max_new_tokens=8",
        "paper.induction.prompts=2", "paper.induction.max_new_tokens=4",
        "paper.rollouts.prompts=8", "paper.rollouts.max_new_tokens=8",
        "paper.ce.alpaca_batch_size=4", "paper.ce.pile_batches=2", "paper.ce.pile_batch_size=2", "paper.ce.pile_max_length=32",
        "paper.gsm8k.problems=2", "paper.gsm8k.cot_tokens=4", "paper.gsm8k.answer_tokens=2",
        "paper.arc.questions=4",
        "paper.categories.questions_per_category=1", "paper.categories.max_new_tokens=4",
        // The stand-in train.tsv has hundreds of vanilla rows, not the 20,000 the paper's draw skips (v[20000:]).
        "paper.probes.vanilla_offset=20", "paper.probes.train_per_class=12", "paper.probes.val_per_class=6", "paper.probes.test_vanilla=6", "paper.probes.adversarial_scan=8",
        "paper.probes.test_adversarial=6", "paper.probes.max_new_tokens=4",
        "paper.suffixes.goals=4", "paper.suffixes.suffixes_per_goal=2", "paper.suffixes.analysis_goals=3", "paper.suffixes.screen_max_new_tokens=4",
        "paper.suffixes.max_new_tokens=4", "paper.suffixes.figures=1",
        "paper.wildjailbreak.prompts=4", "paper.wildjailbreak.max_pairs_per_set=3", "paper.wildjailbreak.max_new_tokens=4",
    ];

    /// <summary>The hf: locations a paper YAML names under <paramref name="repo"/>, as repository paths (the config read, not restated).</summary>
    public static IReadOnlyList<string> HubPaths(string experiment, string repo) =>
        Regex.Matches(File.ReadAllText(Path.Combine(Paths.RepoRoot, "experiments", experiment + ".yaml")), $@"hf:{Regex.Escape(repo)}/([^\s""'\]]+)")
            .Select(m => m.Groups[1].Value).ToList();

    /// <summary>Checks what every rehearsal must show: all stages ran, the judge saw the paper's requests, the report is whole.</summary>
    public void CheckRun(string experiment, DotnetBuild.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Output);
        var exp = Path.Combine(Artifacts, experiment);
        var stages = LastRun.Read(Path.Combine(exp, "last-run.json")).Stages.ToDictionary(s => s.Name);
        foreach (var name in new[] { "paper-filter", "paper-features", "paper-jailbreak", "paper-judge", "paper-induction", "paper-rollouts", "paper-ce",
                                     "paper-gsm8k", "paper-arc", "paper-side-effects", "paper-categories", "paper-probes", "paper-suffixes",
                                     "paper-wildjailbreak", "report" })
            Assert.Equal("ran", stages[name].Status);
        Assert.DoesNotContain("train-model", stages.Keys);

        Assert.Empty(Judge.Problems);
        var judged = File.ReadLines(Path.Combine(exp, "paper-judge", "judgements.jsonl")).Count();
        Assert.Equal(File.ReadLines(Path.Combine(exp, "paper-jailbreak", "completions.jsonl")).Count(), judged);
        Assert.True(Judge.Prompts.Count >= judged, $"the judge server saw {Judge.Prompts.Count} prompts for {judged} judgements");
        var table = File.ReadAllText(Path.Combine(exp, "paper-judge", "jailbreak.md"));
        Assert.DoesNotContain("No HarmBench judge was configured", table);

        var sideEffects = File.ReadAllLines(Path.Combine(exp, "paper-side-effects", "side_effects.csv"));
        Assert.All(sideEffects.Skip(1), row => Assert.NotEqual("not run", row.Split(',')[2]));   // the Pile CE ran on the mirror's shard

        // The report is one self-contained page: every image a PNG data URI, the §4.1 jailbreak figure of paper-judge in its headline.
        var html = File.ReadAllText(Path.Combine(exp, "report", "index.html"));
        var images = Regex.Matches(html, "<img ([^>]*)>").Select(m => m.Groups[1].Value).ToList();
        var judgeFigure = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(exp, "paper-judge", "jailbreak.png")));
        Assert.Contains(images, i => i.StartsWith($"id=\"headline-figure\" src=\"data:image/png;base64,{judgeFigure}\"", StringComparison.Ordinal));
        Assert.Contains(images, i => i.Contains("alt=\"paper-judge: ", StringComparison.Ordinal));
        Assert.All(images, i => Assert.Matches("src=\"data:image/png;base64,iVBORw0KGgo", i));
    }

    public void Dispose()
    {
        Hub.Dispose();
        Judge.Dispose();
        foreach (var f in _experimentFiles) File.Delete(f);
        Directory.Delete(Root, recursive: true);
    }
}
