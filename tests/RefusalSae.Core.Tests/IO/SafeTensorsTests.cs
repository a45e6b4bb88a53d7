using RefusalSae.Core.IO;
using RefusalSae.Testing;
using TorchSharp;

namespace RefusalSae.Core.Tests.IO;

public sealed class SafeTensorsTests
{
    [Fact]
    public void A_saved_file_reads_back_bit_identical_in_f32_bf16_and_i64()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rsw-st-{Guid.NewGuid():N}.safetensors");
        using var a = torch.randn(3, 5);
        using var b = torch.randn(7).to_type(torch.ScalarType.BFloat16);
        using var c = torch.arange(6, dtype: torch.ScalarType.Int64).view(2, 3);
        SafeTensors.Save(path, new Dictionary<string, torch.Tensor> { ["a"] = a, ["b"] = b, ["c"] = c });
        var back = SafeTensors.Load(path);
        Assert.True(back["a"].equal(a).all().item<bool>());
        Assert.Equal(torch.ScalarType.BFloat16, back["b"].dtype);
        Assert.True(back["b"].equal(b).all().item<bool>());
        Assert.Equal([2L, 3L], back["c"].shape);
        Assert.True(back["c"].equal(c).all().item<bool>());
        File.Delete(path);
    }

    [Fact]
    public void The_fixture_golden_file_opens_and_lists_its_tensors()
    {
        var path = ThirdParty.Require(Paths.Fixture("tiny-gemma2-hf", "golden.safetensors"));
        using var f = SafeTensorsFile.Open(path);
        Assert.NotEmpty(f.Entries);
    }

    [Fact]
    public void A_truncated_file_is_reported_with_its_path()
    {
        var src = ThirdParty.Require(Paths.Fixture("tiny-gemma2-hf", "model.safetensors"));
        var path = Path.Combine(Path.GetTempPath(), $"rsw-trunc-{Guid.NewGuid():N}.safetensors");
        var bytes = File.ReadAllBytes(src);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Open(path).Dispose());
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
        File.Delete(path);
    }
}
