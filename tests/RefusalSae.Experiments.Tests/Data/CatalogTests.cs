using System.Security.Cryptography;
using RefusalSae.Testing;
using YamlDotNet.RepresentationModel;

namespace RefusalSae.Experiments.Tests.Data;

public class CatalogTests
{
    private static readonly string[] Keys = ["file", "url", "sha256", "format", "licence", "token_env"];

    private static YamlMappingNode Datasets()
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Paths.RepoRoot, "datasets", "catalog.yaml"))));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("../shared/datasets", ((YamlScalarNode)((YamlSequenceNode)root["mirrors"])[0]).Value);
        return (YamlMappingNode)root["datasets"];
    }

    private static string? Scalar(YamlMappingNode entry, string key) =>
        ((YamlScalarNode)entry[key]).Value is "~" or null or "" ? null : ((YamlScalarNode)entry[key]).Value;

    [Fact]
    public void Every_entry_has_the_six_keys_and_a_pinned_url_or_a_derive_block()
    {
        foreach (var (id, node) in Datasets())
        {
            var entry = (YamlMappingNode)node;
            var keys = entry.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToList();
            var derived = keys.Count == Keys.Length + 1 && keys[^1] == "derive";
            Assert.Equal(Keys, derived ? keys[..^1] : keys);
            var url = Scalar(entry, "url");
            if (url is null)
            {
                // A clone with internet needs nothing else: no url means a derive block that rebuilds the file.
                Assert.True(derived, $"{((YamlScalarNode)id).Value}: url: ~ needs a derive: block");
                continue;
            }
            Assert.Matches(@"/[0-9a-f]{40}/", url);   // a full commit id, never a branch
            Assert.DoesNotContain("/main/", url);
        }
    }

    [Fact]
    public void Every_mirrored_file_has_the_catalog_sha256()
    {
        var checkedFiles = 0;
        foreach (var (id, node) in Datasets())
        {
            var entry = (YamlMappingNode)node;
            var sha = Scalar(entry, "sha256");
            var path = Paths.Dataset(Scalar(entry, "file")!);
            if (sha is null) { Assert.False(File.Exists(path), $"{((YamlScalarNode)id).Value}: {path} is mirrored, so its hash must be pinned"); continue; }
            ThirdParty.Require(path);
            Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
            checkedFiles++;
        }
        Assert.Equal(22, checkedFiles);   // every mirrored file of SOURCES.md that a stage reads
    }

    [Fact]
    public void Every_format_in_the_catalog_is_one_the_loaders_know()
    {
        foreach (var (id, node) in Datasets())
            Assert.True(RefusalSae.Experiments.Data.DatasetFormats.Known.Contains(Scalar((YamlMappingNode)node, "format")!),
                $"{((YamlScalarNode)id).Value}: unknown format {Scalar((YamlMappingNode)node, "format")}");
    }

    [Fact]
    public void Every_prompt_set_of_the_catalog_loads_by_its_format()
    {
        var counts = new Dictionary<string, int>();
        foreach (var (id, node) in Datasets())
        {
            var entry = (YamlMappingNode)node;
            var path = Paths.Dataset(Scalar(entry, "file")!);
            if (!File.Exists(path)) continue;
            try { counts[((YamlScalarNode)id).Value!] = RefusalSae.Experiments.Data.DatasetFormats.LoadPrompts(Scalar(entry, "format")!, path).Count; }
            catch (ArgumentException) { }   // not a prompt format
        }
        ThirdParty.Require(Paths.Dataset("refusal_direction"));
        Assert.Equal(550, counts["catqa"]);
        Assert.Equal(2210, counts["wildjailbreak_eval"]);
        Assert.Equal(519, counts["advsuffixes"]);
        Assert.Equal(320, counts["harmbench_test_raw"]);
        Assert.Equal(260, counts["harmful_train"]);
        Assert.Equal(15, counts.Count);   // 6 splits, 4 processed, 2 HarmBench CSVs, advsuffixes, CATQA, WildJailbreak eval
    }

    [Fact]
    public void The_gated_train_set_takes_its_token_from_HF_TOKEN()
    {
        var entry = (YamlMappingNode)Datasets()["wildjailbreak_train"];
        Assert.Equal("HF_TOKEN", Scalar(entry, "token_env"));
    }
}
