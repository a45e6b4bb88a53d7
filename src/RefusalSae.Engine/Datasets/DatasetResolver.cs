using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Datasets;

/// <summary>
/// Finds a catalog dataset on disk: each mirror root, then the download cache, then a download from its url
/// (atomic, sha256-checked; `token_env` names the variable holding a bearer token for gated sources).
/// A file whose sha256 differs from the catalog is an error naming the file.
/// </summary>
public sealed class DatasetResolver(DatasetCatalog catalog, string downloadCache, HashMemo memo)
{
    public DatasetEntry Entry(string id, SourceLocation? usedAt) =>
        catalog.Datasets.TryGetValue(id, out var e) ? e
            : throw new WorkflowException("RSW202", $"unknown dataset '{id}' (not in {DatasetCatalog.Display}){Config.DidYouMean.Suffix(id, catalog.Datasets.Keys)}", usedAt);

    /// <summary>The verified local path of dataset <paramref name="id"/>.</summary>
    public string Resolve(string id, SourceLocation? usedAt = null)
    {
        var e = Entry(id, usedAt);
        foreach (var root in catalog.Mirrors.Append(downloadCache))
        {
            var path = Path.Combine(root, e.File);
            if (File.Exists(path)) return Verify(e, path);
        }
        return Verify(e, Download(e, usedAt));
    }

    /// <summary>The content hash that keys stages reading <paramref name="id"/>: the pinned sha256, else the resolved file's.</summary>
    public string ContentHash(string id, SourceLocation? usedAt = null) =>
        Entry(id, usedAt).Sha256 ?? memo.Get(Resolve(id, usedAt), Hashing.Sha256File);

    private string Verify(DatasetEntry e, string path)
    {
        var actual = memo.Get(path, Hashing.Sha256File);
        if (e.Sha256 is not null && actual != e.Sha256)
            throw new WorkflowException("RSW203", $"dataset '{e.Id}': {path} has sha256 {actual}, the catalog says {e.Sha256}", e.DeclaredAt);
        return path;
    }

    private string Download(DatasetEntry e, SourceLocation? usedAt)
    {
        if (e.Url is null)
            throw new WorkflowException("RSW204", $"dataset '{e.Id}': {e.File} is in no mirror ({string.Join(", ", catalog.Mirrors)}) and has no url", usedAt ?? e.DeclaredAt);
        var target = Path.Combine(downloadCache, e.File);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var tmp = $"{target}.{Environment.ProcessId}.download";
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            using var request = new HttpRequestMessage(HttpMethod.Get, e.Url);
            if (e.TokenEnv is { } env && Environment.GetEnvironmentVariable(env) is { Length: > 0 } token)
                request.Headers.Authorization = new("Bearer", token);
            using var response = http.Send(request);
            response.EnsureSuccessStatusCode();
            using (var fs = File.Create(tmp)) response.Content.ReadAsStream().CopyTo(fs);
            var actual = Hashing.Sha256File(tmp);
            if (e.Sha256 is not null && actual != e.Sha256)
                throw new WorkflowException("RSW203", $"dataset '{e.Id}': download of {e.Url} has sha256 {actual}, the catalog says {e.Sha256}", e.DeclaredAt);
            File.Move(tmp, target, overwrite: true);
            return target;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new WorkflowException("RSW204", $"dataset '{e.Id}': {e.File} is in no mirror and the download from {e.Url} failed: {ex.Message}", usedAt ?? e.DeclaredAt);
        }
        finally
        {
            if (File.Exists(tmp)) File.Delete(tmp);
        }
    }
}
