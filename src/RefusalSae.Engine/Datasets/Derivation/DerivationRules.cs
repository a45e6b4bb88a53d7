namespace RefusalSae.Engine.Datasets.Derivation;

/// <summary>The derive rules a catalog entry may name.</summary>
internal static class DerivationRules
{
    private static readonly IDerivationRule[] All = [new PythonConstantRule(), new PythonConstantsRule(), new RandomSamplesRule()];

    public static IReadOnlyList<string> Names { get; } = All.Select(r => r.Name).ToList();

    public static IDerivationRule Get(string name) => All.Single(r => r.Name == name);

    internal static void Require(bool ok, string id, DatasetDerivation d, string what)
    {
        if (!ok) throw new WorkflowException("RSW201", $"dataset '{id}': derive rule '{d.Rule}' {what}", d.DeclaredAt);
    }
}
