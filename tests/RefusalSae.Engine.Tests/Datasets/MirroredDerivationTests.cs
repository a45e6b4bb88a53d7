using System.Security.Cryptography;
using RefusalSae.Engine.Datasets;
using RefusalSae.Engine.Datasets.Derivation;
using RefusalSae.Testing;

namespace RefusalSae.Engine.Tests.Datasets;

/// <summary>
/// The real catalog's derive blocks reproduce ../shared's derived files byte for byte. refusal_samples needs no
/// download; the others read their pinned upstream files from $RSW_UPSTREAM_ROOT (laid out as
/// owner/name/commit/path, e.g. from `git show COMMIT:PATH`) when it is set, and skip otherwise.
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

    [Theory]
    [InlineData("eval_constants")]
    [InlineData("harmbench_cls_prompt")]
    [InlineData("harmbench_cls_prompt_contextual")]
    public void A_derived_entry_reproduces_its_mirrored_file_from_the_pinned_upstream_sources(string id)
    {
        var root = Environment.GetEnvironmentVariable("RSW_UPSTREAM_ROOT");
        if (string.IsNullOrEmpty(root)) Assert.Skip("RSW_UPSTREAM_ROOT is not set (a folder of upstream files, owner/name/commit/path)");
        var catalog = DatasetCatalog.Load(Paths.RepoRoot);
        var mirrored = ThirdParty.Require(Paths.Dataset(catalog.Datasets[id].File));
        var derived = Derive(id, s =>
        {
            var path = Path.Combine(root, new Uri(s.Url).AbsolutePath.TrimStart('/'));
            Assert.Equal(s.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))));
            return File.ReadAllText(path);
        });
        Assert.Equal(File.ReadAllText(mirrored), System.Text.Encoding.UTF8.GetString(derived));
        Assert.Equal(catalog.Datasets[id].Sha256, Convert.ToHexStringLower(SHA256.HashData(derived)));
    }
}
