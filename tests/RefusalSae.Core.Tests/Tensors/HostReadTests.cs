using System.Text.RegularExpressions;
using RefusalSae.Core.Tensors;
using RefusalSae.Testing;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.Tensors;

public sealed partial class HostReadTests
{
    [Fact]
    public void No_source_file_under_src_reads_tensor_data_except_through_HostRead()
    {
        // Tensor.data<T>() throws for a GPU tensor; CI has no GPU, so this scan is what keeps device reads correct.
        var src = Path.Combine(Paths.RepoRoot, "src");
        var allowed = Path.Combine(src, "RefusalSae.Core", "Tensors", "HostRead.cs");
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && f != allowed)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => DataCall().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Paths.RepoRoot, x.f)}({x.i + 1}): {x.line.Trim()}")
            .ToList();
        Assert.True(File.Exists(allowed), $"{allowed} is missing: the scan would guard nothing.");
        Assert.True(offenders.Count == 0, "use RefusalSae.Core.Tensors.HostRead instead of .data<T>():\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void A_host_read_converts_the_dtype_and_keeps_row_major_order()
    {
        using var t = arange(6, ScalarType.Int64).reshape(2, 3).t();                            // non-contiguous [3, 2]
        Assert.Equal([0f, 3f, 1f, 4f, 2f, 5f], HostRead.Floats(t));
        using var b = tensor(new[] { 1.5f, -2.25f }).to_type(ScalarType.BFloat16);
        Assert.Equal([1.5, -2.25], HostRead.Doubles(b));
        Assert.Equal([1L, -2L], HostRead.Longs(b));
    }

    [Fact]
    public void A_meta_tensor_reads_as_zeros_of_its_size()
    {
        using var t = empty(new long[] { 2, 5 }, device: META);
        Assert.Equal(new float[10], HostRead.Floats(t));
    }

    [Fact]
    public void A_cpu_tensor_combined_with_a_meta_tensor_fails_as_it_would_on_cuda()
    {
        // The device tests rely on this: meta stands in for cuda in CPU-only CI.
        using var cpu = ones(3, 4);
        using var meta = ones(new long[] { 3, 4 }, device: META);
        Assert.ThrowsAny<Exception>(() => { using var _ = cpu * meta; });
    }

    [GeneratedRegex(@"\.data\s*<")]
    private static partial Regex DataCall();
}
