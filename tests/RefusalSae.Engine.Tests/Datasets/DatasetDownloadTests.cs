using System.Security.Cryptography;
using System.Text;
using RefusalSae.Engine.Datasets;

namespace RefusalSae.Engine.Tests.Datasets;

/// <summary>A catalog entry with a url, in no mirror: the resolver downloads it into the cache (loopback server).</summary>
public sealed class DatasetDownloadTests : IDisposable
{
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private readonly FakeUpstream _server = new();
    private readonly string _root = Directory.CreateTempSubdirectory("rsw-download-").FullName;
    private readonly byte[] _body = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("[\"alpha\", \"beta\"]\n", 200_000)));   // ~3.4 MB

    public DatasetDownloadTests() => _server.Files[$"/o/r/{Commit}/words.json"] = _body;

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private DatasetResolver Resolver(string sha, List<string>? lines = null)
    {
        Directory.CreateDirectory(Path.Combine(_root, "datasets"));
        File.WriteAllText(Path.Combine(_root, "datasets", "catalog.yaml"), $"""
            mirrors: [mirror]
            datasets:
              words:
                file: w/words.json
                url: {_server.BaseUrl}/o/r/{Commit}/words.json
                sha256: {sha}
                format: x
                licence: x
                token_env: ~
            """);
        return new DatasetResolver(DatasetCatalog.Load(_root), Path.Combine(_root, "cache"), new HashMemo(Path.Combine(_root, "memo.json")), lines is null ? null : lines.Add);
    }

    [Fact]
    public void A_download_interrupted_once_arrives_whole_in_the_cache_with_progress_lines()
    {
        _server.DropAfterBytes = 1 << 20;
        _server.DropsLeft = 1;
        var lines = new List<string>();
        var path = Resolver(Convert.ToHexStringLower(SHA256.HashData(_body)), lines).Resolve("words");
        Assert.Equal(Path.Combine(_root, "cache", "w", "words.json"), path);
        Assert.Equal(_body, File.ReadAllBytes(path));
        Assert.Contains(lines, l => l.StartsWith("progress: download words ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_download_with_another_sha256_is_an_error_at_the_entry_and_leaves_nothing_behind()
    {
        var e = Assert.Throws<WorkflowException>(() => Resolver(new string('c', 64)).Resolve("words"));
        Assert.Equal(("RSW203", "datasets/catalog.yaml", 3), (e.Code, e.Location!.File, e.Location.Line));
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(_root, "cache", "w")), f => f.EndsWith(".json") || f.EndsWith(".partial"));
    }
}
