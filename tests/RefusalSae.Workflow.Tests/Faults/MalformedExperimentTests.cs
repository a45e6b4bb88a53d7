using System.Diagnostics;
using RefusalSae.Engine;
using RefusalSae.Testing;

namespace RefusalSae.Workflow.Tests.Faults;

/// <summary>
/// Issue 17's thirty malformed experiments, each on top of toy-ci (the real defaults and pipeline): every one fails
/// with its coded error at the YAML line and column that holds the mistake, names what is allowed, and computes
/// nothing (no stage launched, no artifacts folder created).
/// </summary>
public class MalformedExperimentTests(ITestOutputHelper output)
{
    private const string Base = "extends: toy-ci\n";

    public static TheoryData<string, string, string, int, int, string> Thirty => new()
    {
        // unknown keys
        { "unknown key", "paper:\n  features:\n    k_str: 5\n", "RSW010", 4, 5, "unknown key 'paper.features.k_str'; did you mean 'k_star'?" },
        { "unknown group", "toys:\n  train:\n    steps: 3\n", "RSW010", 2, 1, "unknown key 'toys'; did you mean 'toy'?" },
        { "unknown top-level key", "target: [report]\n", "RSW010", 2, 1, "unknown key 'target'; did you mean 'targets'?" },
        // wrong types
        { "text for an int", "toy:\n  train:\n    steps: many\n", "RSW011", 4, 12, "'toy.train.steps' expects int, got string 'many'" },
        { "a fraction for an int", "toy:\n  train:\n    batch_size: 2.5\n", "RSW011", 4, 17, "'toy.train.batch_size' expects int, got float '2.5'" },
        { "a scalar for a list", "paper:\n  induction:\n    clamp_values: 3\n", "RSW011", 4, 19, "'paper.induction.clamp_values' expects floats, got int '3'" },
        { "a scalar for a group", "paper:\n  judge: gpt5\n", "RSW012", 3, 10, "'paper.judge' is a group of keys" },
        // YAML syntax
        { "an unclosed list", "paper:\n  induction:\n    clamp_values: [1, 2\n", "RSW001", 5, 1, "invalid YAML" },
        { "a tab in the indentation", "toy:\n\ttrain:\n    steps: 3\n", "RSW001", 3, 1, "a tab in the indentation" },
        { "a duplicate key", "toy:\n  train:\n    steps: 3\n    steps: 4\n", "RSW005", 5, 5, "duplicate key 'steps'" },
        // out-of-range values
        { "negative steps", "toy:\n  train:\n    steps: -1\n", "RSW030", 4, 12, "'toy.train.steps' = -1: expected ≥ 1" },
        { "a negative learning rate", "toy:\n  train:\n    learning_rate: -0.1\n", "RSW030", 4, 20, "'toy.train.learning_rate' = -0.1: expected > 0" },
        { "a negative K*", "paper:\n  features:\n    k_star: -5\n", "RSW030", 4, 13, "'paper.features.k_star' = -5: expected ≥ 1" },
        { "zero IG steps", "paper:\n  features:\n    ig_steps: 0\n", "RSW030", 4, 15, "'paper.features.ig_steps' = 0: expected ≥ 1" },
        { "batch size zero", "toy:\n  train:\n    batch_size: 0\n", "RSW030", 4, 17, "'toy.train.batch_size' = 0: expected ≥ 1" },
        { "zero new tokens", "paper:\n  jailbreak:\n    max_new_tokens: 0\n", "RSW030", 4, 21, "'paper.jailbreak.max_new_tokens' = 0: expected ≥ 1" },
        { "a share above one", "toy:\n  corpus:\n    harmless_variant_share: 1.5\n", "RSW030", 4, 29, "'toy.corpus.harmless_variant_share' = 1.5: expected ≤ 1" },
        { "a layer the model lacks", "paper:\n  features:\n    best_layer: 99\n", "RSW030", 4, 17, "'paper.features.best_layer' = 99: expected < model.num_hidden_layers = 2 (model.num_hidden_layers of the model built by paper.subject.model_stage = train-model" },
        { "an SAE k above its width", "toy:\n  sae:\n    k: 1000\n", "RSW030", 4, 8, "'toy.sae.k' = 1000: expected ≤ toy.sae.expansion * toy.model.hidden_size = 128" },
        { "compliance steps past the end", "toy:\n  train:\n    compliance_steps: 30\n", "RSW030", 4, 23, "'toy.train.compliance_steps' = 30: expected < toy.train.steps = 30" },
        { "more KV heads than heads", "toy:\n  model:\n    num_key_value_heads: 3\n", "RSW030", 4, 26, "expected ≤ toy.model.num_attention_heads = 2" },
        // unknown enum values
        { "an unknown device", "paper:\n  subject:\n    device: tpu\n", "RSW036", 4, 13, "'paper.subject.device' = 'tpu' is not a device; expected cpu, cuda or cuda:N" },
        { "an unknown dtype", "paper:\n  subject:\n    dtype: float8\n", "RSW031", 4, 12, "'paper.subject.dtype' = 'float8': expected one of float32, bfloat16, float16, f32, bf16, f16" },
        { "an unknown judge backend", "paper:\n  judge:\n    backend: gpt5\n", "RSW031", 4, 14, "'paper.judge.backend' = 'gpt5': expected one of none, local, openai" },
        { "an unknown jailbreak judge", "paper:\n  categories:\n    judge: llm\n", "RSW031", 4, 12, "expected one of substring, harmbench" },
        { "an empty list of clamp values", "paper:\n  induction:\n    clamp_values: []\n", "RSW032", 4, 19, "'paper.induction.clamp_values' = [] is empty; expected at least one value" },
        // bad URLs and locations
        { "an endpoint without a scheme", "paper:\n  judge:\n    openai:\n      endpoint: localhost:8000\n", "RSW033", 5, 17, "'paper.judge.openai.endpoint' = 'localhost:8000' is not an http:// or https:// URL" },
        { "a malformed hf: location", "paper:\n  subject:\n    model: hf:google\n    model_stage: \"\"\n", "RSW034", 4, 12, "'paper.subject.model' = 'hf:google' is not a valid hf:owner/repo[@revision][/path]" },
        // missing files
        { "a model folder that does not exist", "paper:\n  subject:\n    model: /nonexistent/gemma-2-2b-it\n", "RSW035", 4, 12, "'paper.subject.model' = '/nonexistent/gemma-2-2b-it' does not exist" },
        { "a missing base experiment", "extends: toy-cj\n", "RSW002", 1, 10, "experiment file not found: experiments/toy-cj.yaml" },
    };

    [Theory]
    [MemberData(nameof(Thirty))]
    public void A_malformed_experiment_fails_at_its_line_and_column_before_anything_is_computed(string what, string yaml, string code, int line, int column, string message)
    {
        using var repo = new ScratchRepo();
        repo.Write("experiments/bad.yaml", yaml.StartsWith("extends:", StringComparison.Ordinal) ? yaml : Base + yaml);
        var clock = Stopwatch.StartNew();

        var e = Assert.Throws<WorkflowException>(() => repo.Build("bad"));

        output.WriteLine($"{what}: {e} ({clock.Elapsed.TotalMilliseconds:0} ms)");
        Assert.Equal(code, e.Code);
        Assert.Contains(message, e.Message);
        Assert.Equal(("experiments/bad.yaml", line, column), (e.Location?.File, e.Location?.Line, e.Location?.Column));
        Assert.DoesNotContain("   at ", e.ToString().Replace(e.StackTrace ?? "", ""));   // the message a user reads carries no stack trace
        Assert.Empty(repo.Launched);
        Assert.False(Directory.Exists(repo.Artifacts), "nothing may be written before the config is valid");
    }

    [Fact]
    public void The_list_holds_thirty_distinct_experiments()
    {
        var rows = Thirty.Select(r => r.Data.Item2).ToList();
        Assert.Equal(30, rows.Count);
        Assert.Equal(30, rows.Distinct().Count());
    }

    [Fact]
    public void Every_shipped_experiment_meets_its_constraints()
    {
        using var repo = new ScratchRepo();
        foreach (var f in Directory.EnumerateFiles(Path.Combine(Paths.RepoRoot, "experiments"), "*.yaml"))
            File.Copy(f, Path.Combine(repo.Root, "experiments", Path.GetFileName(f)), overwrite: true);
        var experiments = Directory.EnumerateFiles(Path.Combine(repo.Root, "experiments"), "*.yaml")
            .Select(Path.GetFileNameWithoutExtension).Where(n => n is not ("defaults" or "pipeline")).ToList();
        foreach (var name in experiments)
        {
            var plan = Engine.Building.ExperimentPlan.Load(repo.Root, name!, null);
            output.WriteLine($"{name}: valid; notes: {string.Join(" | ", plan.Config.Notes)}");
        }
        Assert.Contains("toy", experiments);
    }
}
