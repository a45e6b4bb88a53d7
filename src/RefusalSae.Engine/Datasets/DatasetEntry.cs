namespace RefusalSae.Engine.Datasets;

/// <summary>
/// One dataset of datasets/catalog.yaml. <see cref="Sha256"/> is its content hash in stage keys. <see cref="Derive"/>,
/// when set, says how a clone with internet rebuilds a file that has no upstream URL of its own.
/// </summary>
public sealed record DatasetEntry(string Id, string File, string? Url, string? Sha256, string Format, string Licence,
    string? TokenEnv, SourceLocation DeclaredAt, Derivation.DatasetDerivation? Derive = null);
