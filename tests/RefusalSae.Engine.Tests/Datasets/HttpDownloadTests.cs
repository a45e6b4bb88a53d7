using System.Security.Cryptography;
using RefusalSae.Engine.Datasets.Download;

namespace RefusalSae.Engine.Tests.Datasets;

public sealed class HttpDownloadTests : IDisposable
{
    private readonly FakeUpstream _server = new();
    private readonly string _dir = Directory.CreateTempSubdirectory("rsw-download-").FullName;
    private readonly List<string> _lines = [];
    private readonly byte[] _body = RandomNumberGenerator.GetBytes(3 << 20);   // 3 MiB: several 1 MiB reads

    public HttpDownloadTests() => _server.Files["/o/r/file.bin"] = _body;

    public void Dispose()
    {
        _server.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private string Sha => Convert.ToHexStringLower(SHA256.HashData(_body));
    private string Target => Path.Combine(_dir, "sub", "file.bin");
    private HttpDownload Downloader(int attempts = 5) => new(_lines.Add) { RetryDelay = TimeSpan.Zero, Attempts = attempts };

    [Fact]
    public void A_connection_dropped_mid_body_is_resumed_with_a_range_request_guarded_by_if_range()
    {
        _server.DropAfterBytes = 1 << 20;
        _server.DropsLeft = 1;
        Downloader().Fetch($"{_server.BaseUrl}/o/r/file.bin", Target, Sha, "file");
        Assert.Equal(_body, File.ReadAllBytes(Target));
        Assert.Equal(2, _server.Requests.Count);
        var (_, range, ifRange) = _server.Requests[1];
        Assert.StartsWith("bytes=", range);
        Assert.NotEqual("bytes=0-", range);
        Assert.Equal("\"v1\"", ifRange);
        Assert.Contains(_lines, l => l.Contains("resuming (attempt 2 of 5)"));
        Assert.Contains(_lines, l => l.StartsWith("progress: download file ") && l.Contains("/3.0 MB") && l.Contains("MB/s"));
        Assert.Equal([Target], Directory.GetFiles(Path.Combine(_dir, "sub")).Where(f => !f.EndsWith(".lock") && !f.EndsWith(".owner")));
    }

    [Fact]
    public void A_download_cut_short_leaves_only_a_partial_file_which_the_next_run_resumes()
    {
        _server.DropAfterBytes = 1 << 20;
        _server.DropsLeft = 1;
        Assert.ThrowsAny<IOException>(() => Downloader(attempts: 1).Fetch($"{_server.BaseUrl}/o/r/file.bin", Target, Sha, "file"));
        Assert.False(File.Exists(Target));
        Assert.True(new FileInfo(Target + ".partial").Length > 0);

        Downloader().Fetch($"{_server.BaseUrl}/o/r/file.bin", Target, Sha, "file");
        Assert.Equal(_body, File.ReadAllBytes(Target));
        Assert.NotEqual("bytes=0-", _server.Requests[^1].Range);
        Assert.False(File.Exists(Target + ".partial"));
    }

    [Fact]
    public void A_file_changed_upstream_between_attempts_restarts_from_zero_instead_of_splicing()
    {
        _server.DropAfterBytes = 1 << 20;
        _server.DropsLeft = 1;
        Assert.ThrowsAny<IOException>(() => Downloader(attempts: 1).Fetch($"{_server.BaseUrl}/o/r/file.bin", Target, Sha, "file"));
        _server.ETag = "\"v2\"";   // If-Range no longer matches: the server answers 200 with the whole file
        Downloader().Fetch($"{_server.BaseUrl}/o/r/file.bin", Target, Sha, "file");
        Assert.Equal(_body, File.ReadAllBytes(Target));
    }

    [Fact]
    public void A_complete_download_with_the_wrong_sha256_is_removed_and_reported()
    {
        var e = Assert.Throws<DownloadHashMismatch>(() => Downloader().Fetch($"{_server.BaseUrl}/o/r/file.bin", Target, new string('0', 64), "file"));
        Assert.Equal(Sha, e.Actual);
        Assert.False(File.Exists(Target));
        Assert.False(File.Exists(Target + ".partial"));
    }
}
