using System.Text.Json.Nodes;
using RefusalSae.Engine.Config;
using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Tests.Keys;

public class StageKeyTests
{
    private static readonly Dictionary<string, string> None = [];
    private static Dictionary<string, string> U(string h) => new() { ["u"] = h };
    private static Dictionary<string, string> D(string h) => new() { ["d"] = h };

    [Fact]
    public void Canonical_json_sorts_keys_and_writes_numbers_in_the_invariant_culture()
    {
        var node = JsonNode.Parse("""{"b": 1, "a": {"z": 0.5, "y": [3, 1e-7]}, "c": "é"}""");
        var previous = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("""{"a":{"y":[3,1E-07],"z":0.5},"b":1,"c":"\u00E9"}""", CanonicalJson.Serialize(node));
        }
        finally { Thread.CurrentThread.CurrentCulture = previous; }
    }

    [Fact]
    public void The_key_does_not_depend_on_the_order_keys_were_written_in()
    {
        var a = StageKey.Compute("s", 1, (JsonObject)JsonNode.Parse("""{"x": {"b": 2, "a": 1}}""")!, None, None, "c");
        var b = StageKey.Compute("s", 1, (JsonObject)JsonNode.Parse("""{"x": {"a": 1, "b": 2}}""")!, None, None, "c");
        Assert.Equal(a.Key, b.Key);
        Assert.Equal(32, a.Key.Length);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("config")]
    [InlineData("upstream")]
    [InlineData("dataset")]
    [InlineData("code")]
    [InlineData("stage")]
    public void Every_input_of_the_key_changes_it(string which)
    {
        var config = (JsonObject)JsonNode.Parse("""{"x": {"a": 1}}""")!;
        var baseKey = StageKey.Compute("s", 1, config, U("h1"), D("sha1"), "c1").Key;
        var changed = which switch
        {
            "version" => StageKey.Compute("s", 2, config, U("h1"), D("sha1"), "c1"),
            "config" => StageKey.Compute("s", 1, (JsonObject)JsonNode.Parse("""{"x": {"a": 2}}""")!, U("h1"), D("sha1"), "c1"),
            "upstream" => StageKey.Compute("s", 1, config, U("h2"), D("sha1"), "c1"),
            "dataset" => StageKey.Compute("s", 1, config, U("h1"), D("sha2"), "c1"),
            "code" => StageKey.Compute("s", 1, config, U("h1"), D("sha1"), "c2"),
            _ => StageKey.Compute("t", 1, config, U("h1"), D("sha1"), "c1"),
        };
        Assert.NotEqual(baseKey, changed.Key);
    }

    [Fact]
    public void An_integer_and_a_float_of_the_same_value_hash_alike_only_when_typed_alike()
    {
        var i = StageKey.Compute("s", 1, new JsonObject { ["v"] = 1L }, None, None, "c").Key;
        var f = StageKey.Compute("s", 1, new JsonObject { ["v"] = 1.5 }, None, None, "c").Key;
        Assert.NotEqual(i, f);
        Assert.Equal(i, StageKey.Compute("s", 1, new JsonObject { ["v"] = 1 }, None, None, "c").Key);
    }
}
