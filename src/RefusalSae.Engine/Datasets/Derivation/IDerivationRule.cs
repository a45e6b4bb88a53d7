namespace RefusalSae.Engine.Datasets.Derivation;

/// <summary>One way of computing a catalog file from pinned upstream files; registered in <see cref="DerivationRules"/>.</summary>
internal interface IDerivationRule
{
    string Name { get; }

    /// <summary>Checks the derive block when the catalog loads (a malformed-catalog error at the entry).</summary>
    void Validate(string id, DatasetDerivation derivation);

    /// <summary>The derived file's bytes. Extraction failures throw <see cref="Python.PythonSourceException"/> or <see cref="DerivationException"/>.</summary>
    byte[] Derive(DerivationInputs inputs);
}

/// <summary>What a rule may read: its sources' text (downloaded and sha256-checked), catalog datasets, its spec file.</summary>
internal sealed record DerivationInputs(DatasetDerivation Derivation, Func<DerivationSource, string> SourceText,
    Func<string, string> DatasetPath, string RepoRoot)
{
    public string SpecText() => File.ReadAllText(Path.Combine(RepoRoot, Derivation.Spec!));
}

/// <summary>A derivation could not be computed from inputs that did hash right (a rule or spec mismatch).</summary>
internal sealed class DerivationException(string message) : Exception(message);
