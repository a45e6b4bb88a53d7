using System.IO.Compression;
using System.Text;
using RefusalSae.Core.IO;
using RefusalSae.Testing;
using static TorchSharp.torch;

namespace RefusalSae.Core.Tests.IO;

public sealed class NpyTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_header_version_reads_back_the_same_array(int major)
    {
        using var scope = NewDisposeScope();
        var a = randn(3, 5, generator: new Generator(1));
        using var ms = new MemoryStream();
        NpyWriter.Write(ms, a, major);
        Assert.Equal(0, (ms.Length - a.NumberOfElements * 4) % 64);
        ms.Position = 0;
        var back = NpyReader.Read(ms, "mem.npy");
        Assert.Equal(a.shape, back.shape);
        Assert.True(back.equal(a).all().item<bool>());
    }

    [Theory]
    [InlineData(ScalarType.Float64)]
    [InlineData(ScalarType.Float16)]
    [InlineData(ScalarType.Int64)]
    [InlineData(ScalarType.Int32)]
    [InlineData(ScalarType.Byte)]
    [InlineData(ScalarType.Bool)]
    public void Other_dtypes_round_trip(ScalarType dtype)
    {
        using var scope = NewDisposeScope();
        var a = (randn(4, 2, generator: new Generator(2)) * 10).to_type(dtype);
        using var ms = new MemoryStream();
        NpyWriter.Write(ms, a);
        ms.Position = 0;
        var back = NpyReader.Read(ms, "mem.npy");
        Assert.Equal(dtype, back.dtype);
        Assert.True(back.equal(a).all().item<bool>());
    }

    [Fact]
    public void Fortran_order_and_big_endian_arrays_are_read_in_logical_order()
    {
        using var scope = NewDisposeScope();
        // Logical [[1,2,3],[4,5,6]] stored column-major as big-endian float32: 1 4 2 5 3 6.
        var data = new float[] { 1, 4, 2, 5, 3, 6 }.SelectMany(v => BitConverter.GetBytes(v).Reverse()).ToArray();
        var bytes = Npy("{'descr': '>f4', 'fortran_order': True, 'shape': (2, 3), }", data);
        var t = NpyReader.Read(new MemoryStream(bytes), "f.npy");
        Assert.Equal([2L, 3L], t.shape);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, t.data<float>().ToArray());
    }

    [Fact]
    public void A_truncated_array_is_reported_with_its_name_and_expected_size()
    {
        var bytes = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (10,), }", new byte[12]);
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(new MemoryStream(bytes), "x.npz:W_enc.npy"));
        Assert.Contains("x.npz:W_enc.npy", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void An_unsupported_dtype_is_named_in_the_error()
    {
        var bytes = Npy("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        var e = Assert.Throws<InvalidDataException>(() => NpyReader.Read(new MemoryStream(bytes), "c.npy"));
        Assert.Contains("'<c8'", e.Message);
    }

    [Fact]
    public void A_missing_npz_key_names_the_archive_and_the_key_and_lists_what_is_there()
    {
        var path = ThirdParty.Require(Paths.Fixture("tiny-gemmascope", "layer_1", "width_256", "average_l0_12", "params.npz"));
        using var npz = NpzFile.Open(path);
        var e = Assert.Throws<KeyNotFoundException>(() => npz.Read("W_encoder"));
        Assert.Contains(path, e.Message);
        Assert.Contains("'W_encoder'", e.Message);
        Assert.Contains("threshold", e.Message);
    }

    [Fact]
    public void A_deflated_npz_written_here_reads_back()
    {
        using var scope = NewDisposeScope();
        var path = Path.Combine(Path.GetTempPath(), $"rsw-{Guid.NewGuid():N}.npz");
        var a = randn(7, 3, generator: new Generator(3));
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        using (var s = zip.CreateEntry("a.npy", CompressionLevel.Optimal).Open())
            NpyWriter.Write(s, a, 2);
        using (var npz = NpzFile.Open(path))
            Assert.True(npz.Read("a").equal(a).all().item<bool>());
        File.Delete(path);
    }

    private static byte[] Npy(string dict, byte[] data)
    {
        var padded = dict.PadRight((10 + dict.Length + 1 + 63) / 64 * 64 - 10 - 1) + "\n";
        var header = Encoding.ASCII.GetBytes(padded);
        return [0x93, .. "NUMPY"u8, 1, 0, .. BitConverter.GetBytes((ushort)header.Length), .. header, .. data];
    }
}
