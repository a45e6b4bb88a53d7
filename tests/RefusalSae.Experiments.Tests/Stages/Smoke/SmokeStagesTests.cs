using System.Text.Json.Nodes;
using RefusalSae.Engine.Stages;
using RefusalSae.Experiments.Stages.Smoke;
using RefusalSae.Testing;

namespace RefusalSae.Experiments.Tests.Stages.Smoke;

public class SmokeStagesTests
{
    [Fact]
    public void Prompt_stats_counts_characters_and_whitespace_separated_words()
    {
        var s = PromptStatsStage.Measure("Describe  in detail\thow", lowercase: true);
        Assert.Equal(("describe  in detail\thow", 23, 4), (s.Prompt, s.Characters, s.Words));
    }

    [Fact]
    public void The_smoke_stages_turn_the_first_prompts_of_harmful_val_into_a_table()
    {
        var dataset = ThirdParty.Require(Paths.Dataset("refusal_direction", "splits", "harmful_val.json"));
        var root = Directory.CreateTempSubdirectory("rsw-smoke-stage-").FullName;
        try
        {
            var config = (JsonObject)JsonNode.Parse("""{"smoke": {"prompts": {"dataset": "harmful_val", "limit": 3, "lowercase": false}, "table": {"title": "T", "decimals": 1}}}""")!;
            StageRequest Request(string stage, string outDir) => new()
            {
                Stage = stage, Key = "k", Config = config, OutputDirectory = outDir,
                Upstream = new Dictionary<string, string> { ["prompt-stats"] = Path.Combine(root, "a") },
                Datasets = new Dictionary<string, string> { ["harmful_val"] = dataset },
                ItemCacheDirectory = Path.Combine(root, "items"), ResultFile = Path.Combine(root, stage + ".result.json"),
            };
            StageHost.Run(new PromptStatsStage(), Request("prompt-stats", Path.Combine(root, "a")), TextWriter.Null, TestContext.Current.CancellationToken);
            StageHost.Run(new StatsTableStage(), Request("stats-table", Path.Combine(root, "b")), TextWriter.Null, TestContext.Current.CancellationToken);

            Assert.Equal(3, File.ReadAllLines(Path.Combine(root, "a", "prompt_stats.jsonl")).Length);
            var csv = File.ReadAllLines(Path.Combine(root, "b", "stats.csv"));
            Assert.Equal("measure,count,mean,min,max", csv[0]);
            Assert.StartsWith("characters,3,", csv[1]);
            Assert.Equal(3, StageResult.Read(Path.Combine(root, "prompt-stats.result.json")).ItemsComputed);
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
