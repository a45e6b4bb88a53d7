using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Tests.Stages;

/// <summary>ItemCache.FilesInto: a computation whose result is files, stored once and copied into each run's outputs.</summary>
public sealed class ItemFilesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rsw-item-files-").FullName;

    [Fact]
    public void Files_are_computed_once_and_copied_into_each_output_folder()
    {
        var calls = 0;
        void Train(string dir)
        {
            calls++;
            Directory.CreateDirectory(Path.Combine(dir, "model"));
            File.WriteAllText(Path.Combine(dir, "model", "weights.bin"), "w");
            File.WriteAllText(Path.Combine(dir, "log.csv"), "step,loss\n1,0.5\n");
        }
        var first = new ItemCache(Path.Combine(_root, "items"), "s");
        first.FilesInto("trained", Train, Path.Combine(_root, "out1"));
        var second = new ItemCache(Path.Combine(_root, "items"), "s");
        second.FilesInto("trained", Train, Path.Combine(_root, "out2"));

        Assert.Equal(1, calls);
        Assert.Equal((1, 0), (first.Computed, first.Cached));
        Assert.Equal((0, 1), (second.Computed, second.Cached));
        Assert.Equal("w", File.ReadAllText(Path.Combine(_root, "out2", "model", "weights.bin")));
        Assert.Equal("step,loss\n1,0.5\n", File.ReadAllText(Path.Combine(_root, "out2", "log.csv")));
    }

    [Fact]
    public void A_computation_that_fails_leaves_nothing_that_looks_complete()
    {
        var cache = new ItemCache(Path.Combine(_root, "items"), "s");
        Directory.CreateDirectory(Path.Combine(_root, "items"));
        Assert.Throws<InvalidOperationException>(() => cache.FilesInto("trained", dir =>
        {
            File.WriteAllText(Path.Combine(dir, "half.bin"), "x");
            throw new InvalidOperationException("killed");
        }, Path.Combine(_root, "out")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_root, "items")));
        Assert.False(Directory.Exists(Path.Combine(_root, "out")));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
