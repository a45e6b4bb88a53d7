using System.Security.Cryptography;
using System.Text;
using RefusalSae.Engine.Datasets;

namespace RefusalSae.Engine.Tests.Datasets;

/// <summary>Derived catalog entries rebuilt from synthetic upstream files served on loopback.</summary>
public sealed class DerivationTests : IDisposable
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private const string Module = "X = 1\nPROMPT = {\n    \"description\": \"d\",\n    \"prompt\": '''[INST] {behavior}\n'quoted' line''',\n}\n\ndef fmt(q):\n    return f\"Q: {q}\\nA:\"\n";
    private readonly FakeUpstream _server = new();
    private readonly string _root = Directory.CreateTempSubdirectory("rsw-derive-").FullName;

    public DerivationTests() => _server.Files[$"/o/r/{Commit}/pkg/module.py"] = Encoding.UTF8.GetBytes(Module);

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private DatasetResolver Catalog(string entries)
    {
        Directory.CreateDirectory(Path.Combine(_root, "datasets"));
        File.WriteAllText(Path.Combine(_root, "datasets", "catalog.yaml"), "mirrors: [mirror]\ndatasets:\n" + entries);
        return new DatasetResolver(DatasetCatalog.Load(_root), Path.Combine(_root, "cache"), new HashMemo(Path.Combine(_root, "memo.json")));
    }

    private string PromptEntry(string sourceSha, string outputSha) => $"""
          prompt:
            file: derived/prompt.txt
            url: ~
            sha256: {outputSha}
            format: text-template
            licence: MIT
            token_env: ~
            derive:
              rule: python-constant
              symbol: PROMPT["prompt"]
              sources:
                - {"{"}url: {_server.BaseUrl}/o/r/{Commit}/pkg/module.py, sha256: {sourceSha}{"}"}

        """;

    [Fact]
    public void A_string_constant_is_derived_from_its_pinned_source_and_cached()
    {
        const string expected = "[INST] {behavior}\n'quoted' line";
        var resolver = Catalog(PromptEntry(Sha(Module), Sha(expected)));
        var path = resolver.Resolve("prompt");
        Assert.Equal(expected, File.ReadAllText(path));
        Assert.Equal(Path.Combine(_root, "cache", "derived", "prompt.txt"), path);
        var requests = _server.Requests.Count;
        Assert.Equal(path, resolver.Resolve("prompt"));
        Assert.Equal(requests, _server.Requests.Count);
    }

    [Fact]
    public void A_changed_upstream_source_is_an_error_at_its_catalog_line()
    {
        var resolver = Catalog(PromptEntry(new string('a', 64), Sha("x")));
        var e = Assert.Throws<WorkflowException>(() => resolver.Resolve("prompt"));
        Assert.Equal("RSW205", e.Code);
        Assert.Equal(("datasets/catalog.yaml", 14), (e.Location!.File, e.Location.Line));   // the `- {url, sha256}` line
        Assert.Contains("changed", e.Message);
        Assert.Contains($"sha256 {Sha(Module)}", e.Message);
        Assert.False(File.Exists(Path.Combine(_root, "cache", "derived", "prompt.txt")));
    }

    [Fact]
    public void A_derivation_that_no_longer_reproduces_the_pinned_file_is_an_error()
    {
        var resolver = Catalog(PromptEntry(Sha(Module), new string('b', 64)));
        var e = Assert.Throws<WorkflowException>(() => resolver.Resolve("prompt"));
        Assert.Equal("RSW203", e.Code);
        Assert.Contains("the derivation gave sha256", e.Message);
    }

    [Fact]
    public void A_constants_file_takes_its_notes_from_the_spec_and_its_values_from_the_sources()
    {
        Directory.CreateDirectory(Path.Combine(_root, "datasets", "derived"));
        File.WriteAllText(Path.Combine(_root, "datasets", "derived", "c.spec.json"), $$"""
            {"description": "d", "commit": "{{Commit}}", "entries": {
              "fmt": {"source": "o/r:pkg/module.py", "symbol": "fmt() return value", "line": 9, "kind": "fstring_template", "purpose": "p"},
              "x": {"source": "o/r:pkg/module.py", "symbol": "X", "line": 1, "kind": "literal", "purpose": "q"} } }
            """);
        const string expected = "{\n  \"description\": \"d\",\n  \"commit\": \"" + Commit + "\",\n  \"entries\": {\n    \"fmt\": {\n      \"source\": \"o/r:pkg/module.py\",\n"
            + "      \"symbol\": \"fmt() return value\",\n      \"line\": 9,\n      \"kind\": \"fstring_template\",\n      \"purpose\": \"p\",\n      \"value\": \"Q: {q}\\nA:\"\n    },\n"
            + "    \"x\": {\n      \"source\": \"o/r:pkg/module.py\",\n      \"symbol\": \"X\",\n      \"line\": 1,\n      \"kind\": \"literal\",\n      \"purpose\": \"q\",\n      \"value\": 1\n    }\n  }\n}";
        var resolver = Catalog($"""
              constants:
                file: derived/c.json
                url: ~
                sha256: {Sha(expected)}
                format: eval-constants-json
                licence: x
                token_env: ~
                derive:
                  rule: python-constants
                  spec: datasets/derived/c.spec.json
                  sources:
                    - {"{"}url: {_server.BaseUrl}/o/r/{Commit}/pkg/module.py, sha256: {Sha(Module)}{"}"}

            """);
        Assert.Equal(expected, File.ReadAllText(resolver.Resolve("constants")));
    }

    [Fact]
    public void A_derive_source_without_a_commit_in_its_url_is_a_catalog_error()
    {
        var e = Assert.Throws<WorkflowException>(() => Catalog(PromptEntry(Sha(Module), Sha("x")).Replace($"/{Commit}/", "/main/")));
        Assert.Equal("RSW201", e.Code);
        Assert.Contains("not pinned to a commit", e.Message);
    }
}
