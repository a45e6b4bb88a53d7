using RefusalSae.Engine.Datasets.Python;

namespace RefusalSae.Engine.Tests.Datasets.Python;

// Expected values printed by CPython 3.11.7: random.seed(s); random.getrandbits(32) / random.sample(range(n), k).
public class CPythonRandomTests
{
    [Fact]
    public void Seed_42_gives_the_32_bit_words_CPython_gives()
    {
        var r = new CPythonRandom(42);
        Assert.Equal([2746317213u, 478163327u, 107420369u], new[] { r.GetRandBits(32), r.GetRandBits(32), r.GetRandBits(32) });
    }

    [Fact]
    public void A_seed_wider_than_32_bits_is_split_into_little_endian_words()
    {
        var r = new CPythonRandom((1L << 40) + 5);
        Assert.Equal([2166296868u, 2220160828u], new[] { r.GetRandBits(32), r.GetRandBits(32) });
    }

    [Fact]
    public void Sample_uses_the_pool_algorithm_for_small_populations_and_the_set_algorithm_for_large_ones()
    {
        var r = new CPythonRandom(42);
        Assert.Equal([1, 0, 4], r.Sample(10, 3));                                                       // pool
        Assert.Equal([32098, 29256, 18289, 96530, 13434, 88696, 97080, 71482], r.Sample(100000, 8));     // set, same stream
    }
}
