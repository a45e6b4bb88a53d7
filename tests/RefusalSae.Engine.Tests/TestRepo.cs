using System.Text.Json;
using RefusalSae.Engine;
using RefusalSae.Engine.Building;
using RefusalSae.Engine.Code;
using RefusalSae.Engine.Keys;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Tests;

/// <summary>
/// A throw-away repository in a temp folder: defaults.yaml, pipeline.yaml (gen → tab), a catalog with one dataset of
/// words, stage code identities the test can edit, and an in-process launcher that runs <see cref="GenStage"/> / <see cref="TabStage"/>.
/// </summary>
public sealed class TestRepo : IDisposable, IStageLauncher, IBuildLog
{
    public const string Defaults = """
        gen:
          count: 4        # items taken from the dataset
          salt: a         # changes every item
          note: hello     # read by gen, but does not change its outputs (early cutoff)
        tab:
          scale: 1.5
          label: !required string
        """;

    public const string PipelineYaml = """
        stages:
          gen:
            version: 1
            config: [gen]
            item_config: [gen.count]
            datasets: [words]
            per_item: true
          tab:
            version: 1
            config: [tab]
            upstream: [gen]
        """;

    public string Root { get; } = Directory.CreateTempSubdirectory("rsw-engine-").FullName;
    public List<string> Launched { get; } = [];
    public List<string> Messages { get; } = [];
    public List<(string Code, string Text)> Warnings { get; } = [];
    /// <summary>Each stage's code identity (what the IL analysis would compute); a test edits it to simulate a code change.</summary>
    public Dictionary<string, string> Code { get; } = new() { ["gen"] = "gen v1", ["tab"] = "tab v1" };
    /// <summary>When set, gen throws after this many freshly computed items (a simulated kill).</summary>
    public int? KillGenAfter { get; set; }
    /// <summary>When set, gen also renders gen.md (a rendering, not data) showing gen.note.</summary>
    public bool RenderNote { get; set; }

    public TestRepo(string experimentYaml = "targets: [tab]\ntab:\n  label: x\n")
    {
        Write("experiments/defaults.yaml", Defaults);
        Write("experiments/pipeline.yaml", PipelineYaml);
        Write("experiments/t.yaml", experimentYaml);
        WriteWords(["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]);
    }

    public void WriteWords(string[] words)
    {
        Write("data/words.json", JsonSerializer.Serialize(words));
        var sha = Hashing.Sha256File(Path.Combine(Root, "data/words.json"));
        Write("datasets/catalog.yaml", $"""
            mirrors: [data]
            datasets:
              words:
                file: words.json
                url: ~
                sha256: {sha}
                format: json-strings
                licence: CC0
                token_env: ~
            """);
    }

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    public BuildOptions Options(string? overrides = null, bool dryRun = false) =>
        new()
        {
            RepoRoot = Root, Experiment = "t", Overrides = overrides, DryRun = dryRun,
            StageCodes = () => Code.ToDictionary(kv => kv.Key, kv => new StageCode(kv.Value, kv.Value + " items", 1, 1, [])),
        };

    /// <summary>Builds experiment t; returns the outcomes by stage name.</summary>
    public Dictionary<string, StageOutcome> Build(string? overrides = null, bool dryRun = false)
    {
        Launched.Clear();
        return new ExperimentBuild(Options(overrides, dryRun), this, this).Run().ToDictionary(o => o.Name);
    }

    public string Cache => Path.Combine(Root, "artifacts", "cache");

    public bool Launch(StageRequest request, string requestFile)
    {
        Launched.Add(request.Stage);
        IStage stage = request.Stage == "gen" ? new GenStage(KillGenAfter, RenderNote) : new TabStage();
        try { StageHost.Run(stage, StageRequest.Read(requestFile), TextWriter.Null); return true; }
        catch (SimulatedKill) { return false; }
    }

    public void Message(string text, SourceLocation? at = null, string? code = null) => Messages.Add(at is null ? text : $"{at}: {text}");
    public void Warning(string code, string text, SourceLocation? at = null) => Warnings.Add((code, text));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}

public sealed class SimulatedKill : Exception;

/// <summary>Per item: the word with the salt appended. Output: gen.txt, one line per item.</summary>
public sealed class GenStage(int? killAfter, bool renderNote = false) : IStage
{
    public string Name => "gen";

    public void Run(StageContext ctx)
    {
        var count = ctx.ConfigJson["gen"]!["count"]!.GetValue<long>();
        var salt = ctx.ConfigJson["gen"]!["salt"]!.GetValue<string>();
        var words = JsonSerializer.Deserialize<string[]>(File.ReadAllText(ctx.Dataset("words")))!.Take((int)count).ToList();
        var fresh = 0;
        var lines = ctx.Items.Map(words, w => w, w =>
        {
            if (killAfter is { } k && fresh >= k) throw new SimulatedKill();
            fresh++;
            return $"{w}-{salt}";
        });
        File.WriteAllText(ctx.Output("gen.txt"), string.Join("\n", lines));
        if (renderNote) File.WriteAllText(ctx.Output("gen.md"), $"# {ctx.ConfigJson["gen"]!["note"]}\n");
    }
}

/// <summary>Counts gen's lines times the scale. Output: tab.txt.</summary>
public sealed class TabStage : IStage
{
    public string Name => "tab";

    public void Run(StageContext ctx)
    {
        var lines = File.ReadAllLines(Path.Combine(ctx.Upstream("gen"), "gen.txt"));
        var scale = ctx.ConfigJson["tab"]!["scale"]!.GetValue<double>();
        File.WriteAllText(ctx.Output("tab.txt"), FormattableString.Invariant($"{ctx.ConfigJson["tab"]!["label"]} {lines.Length * scale}"));
    }
}
