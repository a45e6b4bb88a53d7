using System.Security.Cryptography;
using RefusalSae.Engine.Datasets;
using RefusalSae.Engine.Datasets.Derivation;
using RefusalSae.Testing;

namespace RefusalSae.Engine.Tests.Datasets;

/// <summary>
/// The real catalog's refusal_samples derivation reproduces ../shared's file byte for byte. The other derive rules
/// read upstream source files that no mirror holds (third-party, so not in CI either): every derivation a connected
/// build performs is checked against the entry's pinned sha256 (RSW203 otherwise), and the check against the real
/// sources done when the rules were written is recorded in datasets/README.md.
/// </summary>
public sealed class MirroredDerivationTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("rsw-mirrored-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private byte[] Derive(string id, Func<DerivationSource, string> sourceText)
    {
        var catalog = DatasetCatalog.Load(Paths.RepoRoot);
        var resolver = new DatasetResolver(catalog, _cache, new HashMemo(Path.Combine(_cache, "memo.json")));
        var d = catalog.Datasets[id].Derive!;
        return DerivationRules.Get(d.Rule).Derive(new DerivationInputs(d, sourceText, x => resolver.Resolve(x), Paths.RepoRoot));
    }

    [Fact]
    public void The_CPython_random_port_reproduces_the_mirrored_load_refusal_datasets_samples()
    {
        var mirrored = ThirdParty.Require(Paths.Dataset("refusal_sae", "extracted", "load_refusal_datasets_samples.json"));
        var derived = Derive("refusal_samples", _ => throw new InvalidOperationException("needs no source"));
        Assert.Equal(File.ReadAllText(mirrored), System.Text.Encoding.UTF8.GetString(derived));
    }
}
