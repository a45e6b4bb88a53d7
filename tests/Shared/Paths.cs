namespace RefusalSae.Testing;

/// <summary>Where the repository and the read-only ../shared mirror (datasets, fixtures) are.</summary>
public static class Paths
{
    /// <summary>The repository root: the nearest folder above the test binary that holds RefusalSae.Workflow.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared beside the checkout, or $RSW_SHARED.</summary>
    public static string SharedRoot { get; } =
        Environment.GetEnvironmentVariable("RSW_SHARED") is { Length: > 0 } s
            ? Path.GetFullPath(s)
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared"));

    public static string Fixture(params string[] parts) => Path.Combine([SharedRoot, "fixtures", .. parts]);
    public static string Dataset(params string[] parts) => Path.Combine([SharedRoot, "datasets", .. parts]);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RefusalSae.Workflow.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"No RefusalSae.Workflow.sln above {AppContext.BaseDirectory}.");
    }
}
