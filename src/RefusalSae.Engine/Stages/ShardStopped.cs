namespace RefusalSae.Engine.Stages;

/// <summary>
/// Thrown by <see cref="ItemCache"/> in a shard's run when the stage needs an item of another shard that is not in
/// the cache yet: the shard has computed what it could up to there, and stops. Not a failure: <see cref="StageHost"/>
/// reports it as the shard's end and nothing is committed. Stage code must let it pass (never catch Exception).
/// </summary>
public sealed class ShardStopped(ItemShard shard, int itemsOfOtherShards)
    : Exception($"shard {shard} stopped: {itemsOfOtherShards} missing item(s) belong to other shards")
{
    public ItemShard Shard { get; } = shard;

    /// <summary>The missing items of other shards at the call where it stopped.</summary>
    public int ItemsOfOtherShards { get; } = itemsOfOtherShards;
}
