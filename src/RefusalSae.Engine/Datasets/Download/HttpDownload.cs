using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RefusalSae.Engine.Cache;
using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Datasets.Download;

/// <summary>
/// Downloads one URL to a file without holding the body in memory: the bytes stream into TARGET.partial beside the
/// target, a stalled connection times out per read (not per file, so a multi-GB shard is fine), a dropped connection
/// is resumed with an HTTP Range request guarded by If-Range (the server's strong ETag or Last-Modified, kept in
/// TARGET.partial.json, so a changed file restarts from zero instead of splicing two versions), and only a complete,
/// sha256-checked file is renamed onto the target. Nothing partial ever has the target's name. A download cut short
/// by the process dying resumes the same way on the next build.
/// </summary>
public sealed class HttpDownload(Action<string> progress, HttpMessageHandler? handler = null)
{
    private sealed record Resume(string Url, string Validator);

    public int Attempts { get; init; } = 5;
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Fetches <paramref name="url"/> to <paramref name="target"/> (checked against <paramref name="sha256"/> when given).</summary>
    public void Fetch(string url, string target, string? sha256, string label, string? bearerToken = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var hold = KeyLock.Acquire(target + ".lock", progress);   // two builds fetching one file take turns
        if (File.Exists(target)) return;                                   // the other build finished it
        var partial = target + ".partial";
        using var http = new HttpClient(handler ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(30) }, disposeHandler: handler is null)
        { Timeout = Timeout.InfiniteTimeSpan };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (Attempt(http, url, partial, label, bearerToken)) break;
            }
            catch (Exception e) when (attempt < Attempts && e is IOException or HttpRequestException or OperationCanceledException && !IsFatal(e))
            {
                progress($"download {label}: {e.Message}; resuming (attempt {attempt + 1} of {Attempts})");
                Thread.Sleep(RetryDelay * attempt);
            }
        }
        var actual = Hashing.Sha256File(partial);
        if (sha256 is not null && actual != sha256)
        {
            Discard(partial);   // a wrong complete file must not be resumed either
            throw new DownloadHashMismatch(url, actual, sha256);
        }
        File.Move(partial, target, overwrite: true);
        File.Delete(partial + ".json");
    }

    /// <summary>One request; true when the partial file now holds the whole body.</summary>
    private bool Attempt(HttpClient http, string url, string partial, string label, string? token)
    {
        var resume = ReadResume(partial, url);
        var have = resume is not null && File.Exists(partial) ? new FileInfo(partial).Length : 0;
        if (have == 0) Discard(partial);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
            request.Headers.TryAddWithoutValidation("If-Range", resume!.Validator);
        }
        using var response = http.Send(request, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) { Discard(partial); return false; }
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
        var ranged = response.StatusCode == HttpStatusCode.PartialContent;
        if (ranged && response.Content.Headers.ContentRange?.From != have)
            throw new IOException($"{url}: the server resumed at byte {response.Content.Headers.ContentRange?.From}, not {have}");
        if (!ranged) have = 0;   // 200: the server sent the whole file (no range support, or it changed)
        var total = response.Content.Headers.ContentLength is { } length ? length + have : (long?)null;
        if (Validator(response) is { } validator) AtomicFile.WriteAllText(partial + ".json", JsonSerializer.Serialize(new Resume(url, validator), Json.Options));
        else File.Delete(partial + ".json");   // nothing to check a resume against: a retry starts over

        var meter = new ByteProgress(progress, label, have, total);
        using (var body = response.Content.ReadAsStream())
        using (var file = new FileStream(partial, have > 0 ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var buffer = new byte[1 << 20];
            while (true)
            {
                using var idle = new CancellationTokenSource(IdleTimeout);
                int n;
                try { n = body.ReadAsync(buffer, idle.Token).AsTask().GetAwaiter().GetResult(); }
                catch (OperationCanceledException) { throw new IOException($"{url}: no data for {IdleTimeout.TotalSeconds:0} s"); }
                if (n == 0) break;
                file.Write(buffer, 0, n);
                meter.Advance(n);
            }
        }
        meter.Advance(0, final: true);
        if (total is { } expected && new FileInfo(partial).Length != expected)
            throw new IOException($"{url}: the connection closed after {new FileInfo(partial).Length} of {expected} bytes");
        return true;
    }

    /// <summary>A strong ETag, else Last-Modified: what If-Range may carry (RFC 9110 §13.1.5; weak ETags are not allowed).</summary>
    private static string? Validator(HttpResponseMessage response) =>
        response.Headers.ETag is { IsWeak: false } etag ? etag.ToString()
        : response.Content.Headers.LastModified is { } modified ? modified.ToString("R") : null;

    private static Resume? ReadResume(string partial, string url)
    {
        try
        {
            var r = File.Exists(partial + ".json") ? JsonSerializer.Deserialize<Resume>(File.ReadAllText(partial + ".json"), Json.Options) : null;
            return r?.Url == url ? r : null;
        }
        catch (JsonException) { return null; }
    }

    private static void Discard(string partial)
    {
        File.Delete(partial);
        File.Delete(partial + ".json");
    }

    /// <summary>Client errors other than timeouts and rate limits will not change on retry.</summary>
    private static bool IsFatal(Exception e) =>
        e is HttpRequestException { StatusCode: { } code } && (int)code is >= 400 and < 500 && code is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests);
}
