using System.Text.Json.Nodes;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Tests.Stages;

public class StageContextTests
{
    public sealed record SampleConfig
    {
        public required int MaxNewTokens { get; init; }
        public required double ClampValue { get; init; }
        public required IReadOnlyList<int> FeatureIds { get; init; }
    }

    private static StageContext Context(string configJson) => new(new StageRequest
    {
        Stage = "steer", Key = "k", Config = (JsonObject)JsonNode.Parse(configJson)!, OutputDirectory = Path.GetTempPath(),
        Upstream = new Dictionary<string, string>(), Datasets = new Dictionary<string, string>(), ResultFile = "unused",
    }, TextWriter.Null);

    [Fact]
    public void Config_binds_snake_case_keys_to_a_typed_record()
    {
        var cfg = Context("""{"steering": {"max_new_tokens": 8, "clamp_value": -2, "feature_ids": [3, 5]}}""").Config<SampleConfig>("steering");
        Assert.Equal((8, -2.0), (cfg.MaxNewTokens, cfg.ClampValue));
        Assert.Equal([3, 5], cfg.FeatureIds);
    }

    [Theory]
    [InlineData("""{"steering": {"max_new_tokens": 8, "clamp_value": 1, "feature_ids": [], "extra": 1}}""", "RSW302", "extra")]
    [InlineData("""{"steering": {"max_new_tokens": 8, "feature_ids": []}}""", "RSW302", "clamp_value")]
    [InlineData("""{"steering": {"max_new_tokens": "8", "clamp_value": 1, "feature_ids": []}}""", "RSW302", "SampleConfig")]
    [InlineData("""{"other": {}}""", "RSW301", "config prefix 'steering' is not in its slice")]
    public void Config_binding_is_strict(string json, string code, string fragment)
    {
        var e = Assert.Throws<StageException>(() => Context(json).Config<SampleConfig>("steering"));
        Assert.Equal(code, e.Code);
        Assert.Contains(fragment, e.Message);
    }

    [Fact]
    public void Undeclared_upstreams_and_datasets_are_errors_naming_what_is_declared()
    {
        var ctx = Context("{}");
        Assert.Equal("RSW303", Assert.Throws<StageException>(() => ctx.Upstream("attribution")).Code);
        Assert.Equal("RSW304", Assert.Throws<StageException>(() => ctx.Dataset("harmful_train")).Code);
        Assert.Equal("RSW305", Assert.Throws<StageException>(() => ctx.Items.GetOrCompute("x", () => 1)).Code);
    }

    [Fact]
    public void Progress_lines_give_done_over_total_rate_and_eta()
    {
        var line = new ProgressReporter(TextWriter.Null, "attribution", 100, "prompts").Format(25, 100, TimeSpan.FromSeconds(10));
        Assert.Equal("progress: attribution 25/100 prompts, 2.5 prompts/s, ETA 0:00:30", line);
    }
}
