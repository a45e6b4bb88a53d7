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
    public void Every_entry_has_exactly_the_six_keys_and_a_pinned_url()
    {
        foreach (var (id, node) in Datasets())
        {
            var entry = (YamlMappingNode)node;
            Assert.Equal(Keys, entry.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
            var url = Scalar(entry, "url");
            if (url is null) continue;   // derived inside shared/: no upstream file
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
    public void The_gated_train_set_takes_its_token_from_HF_TOKEN()
    {
        var entry = (YamlMappingNode)Datasets()["wildjailbreak_train"];
        Assert.Equal("HF_TOKEN", Scalar(entry, "token_env"));
    }
}
