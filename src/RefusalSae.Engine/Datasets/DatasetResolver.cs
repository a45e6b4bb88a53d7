using RefusalSae.Engine.Datasets.Derivation;
using RefusalSae.Engine.Datasets.Download;
using RefusalSae.Engine.Datasets.Python;
using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Datasets;

/// <summary>
/// Finds a catalog dataset on disk: each mirror root, then the download cache, then a download from its url or, for a
/// derived entry, a derivation from its pinned sources (both streamed, sha256-checked and renamed into place
/// atomically; `token_env` names the variable holding a bearer token for gated sources). A file whose sha256 differs
/// from the catalog is an error naming the file; a changed upstream source is an error at its catalog line.
/// </summary>
public sealed class DatasetResolver(DatasetCatalog catalog, string downloadCache, HashMemo memo, Action<string>? progress = null)
{
    private readonly Action<string> _progress = progress ?? (_ => { });

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
        return Verify(e, e.Derive is not null ? Derive(e, usedAt) : Download(e, usedAt));
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
        var token = e.TokenEnv is { } env && Environment.GetEnvironmentVariable(env) is { Length: > 0 } t ? t : null;
        try { new HttpDownload(_progress).Fetch(e.Url, target, e.Sha256, e.Id, token); }
        catch (DownloadHashMismatch m)
        {
            throw new WorkflowException("RSW203", $"dataset '{e.Id}': download of {e.Url} has sha256 {m.Actual}, the catalog says {m.Expected}", e.DeclaredAt);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            throw new WorkflowException("RSW204", $"dataset '{e.Id}': {e.File} is in no mirror and the download from {e.Url} failed: {ex.Message} (what arrived is kept and the next build resumes)", usedAt ?? e.DeclaredAt);
        }
        return target;
    }

    /// <summary>Computes a derived file from its pinned sources and catalog datasets; it must hash to the catalog's sha256.</summary>
    private string Derive(DatasetEntry e, SourceLocation? usedAt)
    {
        var d = e.Derive!;
        var rule = DerivationRules.Get(d.Rule);
        var inputs = new DerivationInputs(d, s => File.ReadAllText(Source(e, s, usedAt)), id => Resolve(id, usedAt), catalog.RepoRoot);
        byte[] bytes;
        try { bytes = rule.Derive(inputs); }
        catch (Exception ex) when (ex is PythonSourceException or DerivationException or FileNotFoundException or System.Text.Json.JsonException)
        {
            var line = ex is PythonSourceException { Line: > 0 } p ? $" (line {p.Line})" : "";
            throw new WorkflowException("RSW206", $"dataset '{e.Id}': derive rule '{d.Rule}' failed{line}: {ex.Message}", d.DeclaredAt);
        }
        var target = Path.Combine(downloadCache, e.File);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        if (actual != e.Sha256)
            throw new WorkflowException("RSW203", $"dataset '{e.Id}': the derivation gave sha256 {actual}, the catalog says {e.Sha256} (the rule or its spec {d.Spec} no longer reproduces the mirrored file)", e.DeclaredAt);
        AtomicFile.WriteAllBytes(target, bytes);
        return target;
    }

    /// <summary>The local copy of a derive source: downloadCache/sources/SHA256/NAME, fetched once and checked against its pin.</summary>
    private string Source(DatasetEntry e, DerivationSource s, SourceLocation? usedAt)
    {
        var path = Path.Combine(downloadCache, "sources", s.Sha256, Path.GetFileName(s.RepoPath));
        if (File.Exists(path))
        {
            if (memo.Get(path, Hashing.Sha256File) == s.Sha256) return path;
            File.Delete(path);   // damaged in the cache: fetch it again
        }
        try { new HttpDownload(_progress).Fetch(s.Url, path, s.Sha256, $"{e.Id} source {Path.GetFileName(s.RepoPath)}"); }
        catch (DownloadHashMismatch m)
        {
            throw new WorkflowException("RSW205", $"dataset '{e.Id}': the upstream source {s.Url} changed: it has sha256 {m.Actual}, the catalog pins {m.Expected}", s.DeclaredAt);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            throw new WorkflowException("RSW204", $"dataset '{e.Id}': {e.File} is in no mirror and its source {s.Url} could not be downloaded: {ex.Message}", usedAt ?? e.DeclaredAt);
        }
        return path;
    }
}
