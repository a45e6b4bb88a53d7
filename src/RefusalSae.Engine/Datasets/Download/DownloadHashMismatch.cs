namespace RefusalSae.Engine.Datasets.Download;

/// <summary>A complete download whose sha256 is not the pinned one (the partial file has been removed).</summary>
public sealed class DownloadHashMismatch(string url, string actual, string expected)
    : Exception($"{url} has sha256 {actual}, expected {expected}")
{
    public string Actual { get; } = actual;
    public string Expected { get; } = expected;
}
