namespace RefusalSae.Engine.Datasets.Python;

/// <summary>
/// CPython's <c>random.Random</c> as far as <c>seed(int)</c>, <c>getrandbits</c>, <c>_randbelow</c> and <c>sample</c>
/// (Modules/_randommodule.c and Lib/random.py, unchanged from 3.10 to 3.12): MT19937 seeded by init_by_array with the
/// integer's 32-bit words. The paper's load_refusal_datasets draws its subsets with it, so the exact indices follow.
/// </summary>
public sealed class CPythonRandom
{
    private const int N = 624, M = 397;
    private readonly uint[] _mt = new uint[N];
    private int _index = N + 1;

    public CPythonRandom(long seed) => Seed(seed);

    /// <summary>random.seed(a) for an int: abs(a) split into little-endian 32-bit words (0 → [0]).</summary>
    public void Seed(long seed)
    {
        var n = (ulong)Math.Abs(seed);
        var key = n >> 32 == 0 ? new[] { (uint)n } : new[] { (uint)n, (uint)(n >> 32) };
        InitByArray(key);
    }

    /// <summary>random.getrandbits(k) for 1 ≤ k ≤ 32: the top k bits of one 32-bit output.</summary>
    public uint GetRandBits(int k)
    {
        if (k is < 1 or > 32) throw new ArgumentOutOfRangeException(nameof(k), "this port draws at most 32 bits at once");
        return NextUInt32() >> (32 - k);
    }

    /// <summary>random._randbelow_with_getrandbits(n): rejection sampling on n.bit_length() bits.</summary>
    public int RandBelow(int n)
    {
        var k = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)n);   // n.bit_length(); n = 1 gives 1, as in CPython
        var r = GetRandBits(k);
        while (r >= (uint)n) r = GetRandBits(k);
        return (int)r;
    }

    /// <summary>
    /// The indices random.sample(range(n), k) returns: the pool algorithm when an n-list is smaller than a k-set,
    /// else the set algorithm, chosen by CPython's size rule (21 + 4^ceil(log4(3k)) for k &gt; 5).
    /// </summary>
    public int[] Sample(int n, int k)
    {
        if (k < 0 || k > n) throw new ArgumentOutOfRangeException(nameof(k), $"sample larger than population or is negative ({k} of {n})");
        var result = new int[k];
        var setSize = 21;
        if (k > 5) setSize += (int)Math.Pow(4, Math.Ceiling(Math.Log(k * 3) / Math.Log(4)));   // math.log(k*3, 4)
        if (n <= setSize)
        {
            var pool = Enumerable.Range(0, n).ToArray();
            for (var i = 0; i < k; i++)
            {
                var j = RandBelow(n - i);
                result[i] = pool[j];
                pool[j] = pool[n - i - 1];   // move the non-selected item into the vacancy
            }
        }
        else
        {
            var selected = new HashSet<int>();
            for (var i = 0; i < k; i++)
            {
                var j = RandBelow(n);
                while (selected.Contains(j)) j = RandBelow(n);
                selected.Add(j);
                result[i] = j;
            }
        }
        return result;
    }

    private void InitGenRand(uint s)
    {
        _mt[0] = s;
        for (var i = 1; i < N; i++) _mt[i] = 1812433253u * (_mt[i - 1] ^ (_mt[i - 1] >> 30)) + (uint)i;
        _index = N;
    }

    private void InitByArray(uint[] key)
    {
        InitGenRand(19650218u);
        int i = 1, j = 0;
        for (var k = Math.Max(N, key.Length); k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1664525u)) + key[j] + (uint)j;   // non-linear
            i++; j++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (var k = N - 1; k > 0; k--)
        {
            _mt[i] = (_mt[i] ^ ((_mt[i - 1] ^ (_mt[i - 1] >> 30)) * 1566083941u)) - (uint)i;   // non-linear
            i++;
            if (i >= N) { _mt[0] = _mt[N - 1]; i = 1; }
        }
        _mt[0] = 0x80000000u;   // MSB is 1, assuring a non-zero initial array
    }

    private uint NextUInt32()
    {
        if (_index >= N)
        {
            for (var kk = 0; kk < N; kk++)
            {
                var y = (_mt[kk] & 0x80000000u) | (_mt[(kk + 1) % N] & 0x7fffffffu);
                _mt[kk] = _mt[(kk + M) % N] ^ (y >> 1) ^ ((y & 1) == 0 ? 0u : 0x9908b0dfu);
            }
            _index = 0;
        }
        var v = _mt[_index++];
        v ^= v >> 11;
        v ^= (v << 7) & 0x9d2c5680u;
        v ^= (v << 15) & 0xefc60000u;
        v ^= v >> 18;
        return v;
    }
}
