using System.Buffers.Binary;
using RefusalSae.Engine.Keys;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Tests.Stages;

/// <summary>ItemShard (`-p:ItemShard=s/N`) and the item cache in a shard's run: which items a shard computes, and where it stops.</summary>
public sealed class ItemShardTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("rsw-item-shard-").FullName;

    public ItemShardTests() => Directory.CreateDirectory(Items);

    private static readonly string[] Words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu"];

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Items => Path.Combine(_root, "items");

    private static List<string> Owned(int index, int count) => Words.Where(w => new ItemShard(index, count).Owns(w)).ToList();

    [Fact]
    public void Every_item_belongs_to_exactly_one_shard_chosen_by_its_content_so_adding_items_moves_none()
    {
        var contents = Enumerable.Range(0, 300).Select(i => $"prompt {i}").ToList();
        var shards = Enumerable.Range(0, 3).Select(i => new ItemShard(i, 3)).ToList();

        Assert.All(contents, c => Assert.Single(shards, s => s.Owns(c)));
        var sizes = shards.Select(s => contents.Count(s.Owns)).ToList();
        Assert.All(sizes, n => Assert.InRange(n, 70, 130));   // about a third each: the hash spreads them

        // A function of the content alone (the hash its item file is named by), never of a position in a list.
        Assert.All(contents, c => Assert.Equal(ItemShard.Of(c, 3),
            (int)(BinaryPrimitives.ReadUInt64LittleEndian(Convert.FromHexString(Hashing.Hex(c)).AsSpan(0, 8)) % 3)));
    }

    [Theory]
    [InlineData("0/2", 0, 2)]
    [InlineData(" 3/4 ", 3, 4)]
    public void Index_slash_count_is_a_shard_counted_from_zero(string text, int index, int count) =>
        Assert.Equal(new ItemShard(index, count), ItemShard.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("0/1")]
    public void An_empty_value_or_a_single_shard_is_an_unsharded_build(string text) => Assert.Null(ItemShard.Parse(text));

    [Theory]
    [InlineData("3/2")]
    [InlineData("2/2")]
    [InlineData("0/0")]
    [InlineData("x")]
    [InlineData("1/")]
    [InlineData("-1/2")]
    [InlineData("+1/2")]
    [InlineData("1/2/3")]
    public void A_malformed_shard_is_error_RSW090_reported_against_the_command_line(string text)
    {
        var e = Assert.Throws<WorkflowException>(() => ItemShard.Parse(text));
        Assert.Equal("RSW090", e.Code);
        Assert.Equal("-p:ItemShard", e.Location?.File);
        Assert.Contains($"'{text}' is not INDEX/COUNT with 0 ≤ INDEX < COUNT", e.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    [InlineData("-3")]
    public void A_slurm_shard_count_that_is_not_a_positive_integer_is_error_RSW090(string text)
    {
        var e = Assert.Throws<WorkflowException>(() => ItemShard.ParseCount(text));
        Assert.Equal("RSW090", e.Code);
        Assert.Equal("-p:SlurmShards", e.Location?.File);
    }

    [Fact]
    public void A_shard_maps_its_own_missing_items_past_the_others_and_then_stops_counting_them()
    {
        var mine = Owned(0, 2);
        Assert.InRange(mine.Count, 1, Words.Length - 1);   // the words fall into both shards
        var computed = new List<string>();
        var cache = new ItemCache(Items, "s", new ItemShard(0, 2));

        var stop = Assert.Throws<ShardStopped>(() => cache.Map(Words, w => w, w => { computed.Add(w); return w.Length; }, cancellation: TestContext.Current.CancellationToken));

        Assert.Equal(mine, computed);
        Assert.Equal(Words.Length - mine.Count, stop.ItemsOfOtherShards);
        Assert.Equal((mine.Count, 0), (cache.Computed, cache.Cached));
        Assert.Equal(mine.Count, Directory.GetFiles(Items).Length);
    }

    [Fact]
    public void Once_the_other_shards_stored_their_items_a_shard_gets_every_result_and_the_stage_goes_on()
    {
        Assert.Throws<ShardStopped>(() => new ItemCache(Items, "s", new ItemShard(1, 2)).Map(Words, w => w, w => w.Length, cancellation: TestContext.Current.CancellationToken));
        var cache = new ItemCache(Items, "s", new ItemShard(0, 2));

        var results = cache.Map(Words, w => w, w => w.Length, cancellation: TestContext.Current.CancellationToken);

        Assert.Equal(Words.Select(w => w.Length), results);
        Assert.Equal((Owned(0, 2).Count, Owned(1, 2).Count), (cache.Computed, cache.Cached));
        var unsharded = new ItemCache(Items, "s");
        Assert.Equal(results, unsharded.Map(Words, w => w, _ => -1, cancellation: TestContext.Current.CancellationToken));   // nothing left to compute
        Assert.Equal(0, unsharded.Computed);
    }

    [Fact]
    public void A_shard_batches_only_its_own_missing_items()
    {
        var batches = new List<List<string>>();
        var cache = new ItemCache(Items, "s", new ItemShard(1, 3));

        var stop = Assert.Throws<ShardStopped>(() => cache.MapBatched(Words, w => w, batch => { batches.Add([.. batch]); return batch.Select(w => w.Length).ToList(); }, batchSize: 2, cancellation: TestContext.Current.CancellationToken));

        Assert.Equal(Owned(1, 3), batches.SelectMany(b => b));
        Assert.All(batches, b => Assert.InRange(b.Count, 1, 2));
        Assert.Equal(Words.Length - Owned(1, 3).Count, stop.ItemsOfOtherShards);
    }

    [Fact]
    public void A_single_item_or_files_of_another_shard_stop_the_shard_without_being_computed()
    {
        var other = Words.First(w => !new ItemShard(0, 2).Owns(w));
        var cache = new ItemCache(Items, "s", new ItemShard(0, 2));
        var calls = 0;

        Assert.Throws<ShardStopped>(() => cache.GetOrCompute(other, () => ++calls));
        Assert.Throws<ShardStopped>(() => cache.FilesInto(other, _ => calls++, Path.Combine(_root, "out")));

        Assert.Equal(0, calls);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Items));
    }
}
