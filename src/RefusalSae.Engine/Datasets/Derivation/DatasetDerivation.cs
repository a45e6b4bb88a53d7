namespace RefusalSae.Engine.Datasets.Derivation;

/// <summary>
/// A catalog entry's <c>derive:</c> block: the <see cref="Rule"/> that computes the file, the upstream files it reads
/// (each pinned by a commit URL and sha256), the catalog datasets it reads, the Python symbol it extracts, and a
/// repo-relative spec file with the notes the derived file carries beside the extracted values.
/// </summary>
public sealed record DatasetDerivation(string Rule, IReadOnlyList<DerivationSource> Sources, IReadOnlyList<string> Datasets,
    string? Symbol, string? Spec, SourceLocation DeclaredAt);

/// <summary>One upstream file a derivation reads; <see cref="DeclaredAt"/> is its line in the catalog.</summary>
public sealed record DerivationSource(string Url, string Sha256, SourceLocation DeclaredAt)
{
    /// <summary>The path inside its repository: what follows the 40-hex commit segment of the URL.</summary>
    public string RepoPath => System.Text.RegularExpressions.Regex.Match(Url, "/[0-9a-f]{40}/(?<path>.+)$").Groups["path"].Value;
}
