using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace RefusalSae.Engine.Stages;

/// <summary>
/// One of <see cref="Count"/> shards of a per-item stage's items (`-p:ItemShard=INDEX/COUNT`, INDEX from 0): an item
/// belongs to the shard its content hash selects, not its position, so adding prompts moves no existing item to
/// another shard. Builds of the same experiment with different shards share the cache; each computes only its own
/// missing items before the stage is built once from the union (see Building/ShardExecution).
/// </summary>
public sealed record ItemShard(int Index, int Count)
{
    /// <summary>Where a malformed value is reported: the command line, like `-p:Set`.</summary>
    public const string Source = "-p:ItemShard";

    /// <summary>
    /// `INDEX/COUNT` with 0 ≤ INDEX &lt; COUNT; empty means unsharded (null), and so does `0/1`, which owns every item.
    /// </summary>
    public static ItemShard? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Trim().Split('/');
        if (parts.Length != 2 || !TryCount(parts[0], out var index) || !TryCount(parts[1], out var count) || count < 1 || index >= count)
            throw new WorkflowException("RSW090",
                $"-p:ItemShard='{text}' is not INDEX/COUNT with 0 ≤ INDEX < COUNT (e.g. 0/4, 1/4, 2/4, 3/4)", new SourceLocation(Source, 0, 0));
        return count == 1 ? null : new ItemShard(index, count);
    }

    /// <summary>`-p:SlurmShards=N`: how many shards each sweep point is split into (a positive integer; empty = 1).</summary>
    public static int ParseCount(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return 1;
        if (!TryCount(text.Trim(), out var count) || count < 1)
            throw new WorkflowException("RSW090", $"-p:SlurmShards='{text}' is not a positive integer", new SourceLocation("-p:SlurmShards", 0, 0));
        return count;
    }

    /// <summary>True when the item whose identity is <paramref name="content"/> is this shard's to compute.</summary>
    public bool Owns(string content) => Of(content, Count) == Index;

    /// <summary>The shard of an item: the first 8 bytes of XxHash128(content), the hash its cache file is named by, mod <paramref name="count"/>.</summary>
    public static int Of(string content, int count) =>
        (int)(BinaryPrimitives.ReadUInt64LittleEndian(XxHash128.Hash(Encoding.UTF8.GetBytes(content))) % (ulong)count);

    /// <summary>The workspace folder of a shard's build (inside the experiment's or point's folder), so shards never share records.</summary>
    public string FolderName => $"shard-{Index}-of-{Count}";

    public override string ToString() => $"{Index}/{Count}";

    private static bool TryCount(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
