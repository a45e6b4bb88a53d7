using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RefusalSae.Workflow.Tests.Rehearsal;

/// <summary>
/// A stand-in for the Hugging Face Hub on loopback (HF_ENDPOINT), with the real Hub's URL scheme:
/// GET /api/models/{owner}/{name}/revision/{rev} lists the repository's files as "siblings", and
/// GET /{owner}/{name}/resolve/{rev}/{path} serves one, large files (safetensors, npz) by a 302 to a content URL as the
/// Hub redirects LFS files to its CDN. A gated repository answers 401 without the right bearer token, as
/// meta-llama's do. Every request is recorded for the test to check what a run downloaded.
/// </summary>
public sealed class FakeHub : LoopbackServer
{
    private readonly Dictionary<string, Dictionary<string, string>> _repos = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _gated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _blobs = new(StringComparer.Ordinal);

    /// <summary>Paths requested, in order (e.g. "/google/gemma-2-2b-it/resolve/main/config.json").</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Serves <paramref name="files"/> (repository path → local file) as repository <paramref name="repo"/>.</summary>
    public void AddRepo(string repo, IReadOnlyDictionary<string, string> files, string? gatedToken = null)
    {
        _repos[repo] = files.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        if (gatedToken is not null) _gated[repo] = gatedToken;
        foreach (var (path, local) in files)
            if (IsLfs(path)) _blobs[$"{repo}/{path}".GetHashCode().ToString("x8", System.Globalization.CultureInfo.InvariantCulture) + "-" + Path.GetFileName(path)] = local;
    }

    /// <summary>Files fetched through resolve URLs, as "repo/path".</summary>
    public IReadOnlyList<string> Downloads => Requests.Where(r => r.Contains("/resolve/", StringComparison.Ordinal))
        .Select(r => { var parts = r.TrimStart('/').Split('/', 5); return $"{parts[0]}/{parts[1]}/{parts[4]}"; }).ToList();

    private static bool IsLfs(string path) => path.EndsWith(".safetensors", StringComparison.Ordinal) || path.EndsWith(".npz", StringComparison.Ordinal);

    protected override void Handle(HttpListenerContext context)
    {
        var path = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath);
        Requests.Enqueue(path);
        var response = context.Response;
        if (path.StartsWith("/cdn/", StringComparison.Ordinal))
        {
            if (_blobs.TryGetValue(path["/cdn/".Length..], out var blob)) ServeFile(response, blob);
            else NotFound(response, path);
            return;
        }
        var api = path.StartsWith("/api/models/", StringComparison.Ordinal);
        var parts = (api ? path["/api/models/".Length..] : path.TrimStart('/')).Split('/', 5);
        if (parts.Length < 4) { NotFound(response, path); return; }
        var repo = $"{parts[0]}/{parts[1]}";
        if (!_repos.TryGetValue(repo, out var files)) { Error(response, 404, "RepositoryNotFound", $"Repository Not Found for url: {path}"); return; }
        if (_gated.TryGetValue(repo, out var token) && context.Request.Headers["Authorization"] != $"Bearer {token}")
        {
            Error(response, 401, "GatedRepo", $"Access to model {repo} is restricted. You must have access to it and be authenticated to access it.");
            return;
        }
        if (api && parts[2] == "revision")
        {
            var listing = new JsonObject
            {
                ["id"] = repo, ["modelId"] = repo, ["sha"] = new string('0', 40),
                ["siblings"] = new JsonArray(files.Keys.Order(StringComparer.Ordinal).Select(f => (JsonNode)new JsonObject { ["rfilename"] = f }).ToArray()),
            };
            Reply(response, 200, "application/json", System.Text.Encoding.UTF8.GetBytes(listing.ToJsonString()));
        }
        else if (!api && parts[2] == "resolve" && parts.Length == 5 && files.TryGetValue(parts[4], out var local))
        {
            if (IsLfs(parts[4]))
            {
                response.StatusCode = 302;
                response.RedirectLocation = $"{BaseUrl}/cdn/{$"{repo}/{parts[4]}".GetHashCode().ToString("x8", System.Globalization.CultureInfo.InvariantCulture)}-{Path.GetFileName(parts[4])}";
                return;
            }
            ServeFile(response, local);
        }
        else Error(response, 404, "EntryNotFound", $"Entry not found for url: {path}");
    }

    private static void ServeFile(HttpListenerResponse response, string local)
    {
        response.StatusCode = 200;
        response.ContentType = "application/octet-stream";
        response.ContentLength64 = new FileInfo(local).Length;
        using var input = File.OpenRead(local);
        input.CopyTo(response.OutputStream);
    }

    private static void NotFound(HttpListenerResponse response, string path) => Error(response, 404, "EntryNotFound", $"not found: {path}");

    private static void Error(HttpListenerResponse response, int status, string code, string message)
    {
        response.Headers["X-Error-Code"] = code;
        Reply(response, status, "application/json", JsonSerializer.SerializeToUtf8Bytes(new { error = message }));
    }
}
