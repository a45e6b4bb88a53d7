using System.Diagnostics;
using RefusalSae.Engine.Cache;
using RefusalSae.Engine.Keys;
using RefusalSae.Engine.Pipeline;
using RefusalSae.Engine.Stages;

namespace RefusalSae.Engine.Building;

/// <summary>
/// The first of a per-item stage's two phases in a shard's build (`-p:ItemShard=s/N`): runs the stage so that it
/// computes only this shard's missing items into the item cache, under the shard's lock (<see cref="ShardClaim"/>),
/// and stops where it lacks another shard's item. Its outputs are discarded: nothing is committed. The second phase
/// is the ordinary <see cref="StageExecution"/>, which waits for the key's other shards (<see cref="ShardLocks"/>)
/// and then restores the stage, or computes it from the items the shards left (none missing if every shard ran).
/// Results therefore never depend on sharding: the committed stage is always one ordinary run over cached items.
/// </summary>
public sealed class ShardExecution(BuildContext context, IStageLauncher launcher)
{
    /// <summary>
    /// What the shard did: <see cref="Committed"/> when the stage was in the cache before the shard began (nothing
    /// computed); else its item counts and, when it stopped, the missing items of other shards where it stopped.
    /// </summary>
    public sealed record Result(ItemShard Shard, bool Committed, int ItemsComputed, int ItemsCached, int? ItemsOfOtherShards)
    {
        /// <summary>`shard 1/4: 3 items computed, 9 cached, stopped at 12 of other shards` (last-run.json's reason).</summary>
        public string Describe() => Committed
            ? $"shard {Shard}: the stage was committed before this shard began, nothing computed"
            : $"shard {Shard}: {ItemsComputed} items computed, {ItemsCached} cached" +
              (ItemsOfOtherShards is { } n ? $", stopped at {n} of other shards" : ", every item present");
    }

    public Result Run(StageDeclaration stage, StageKey key, IReadOnlyDictionary<string, UpstreamResult> upstream,
        Dictionary<string, string> datasets, ItemShard shard)
    {
        var cache = context.Cache;
        var log = context.Log;
        var execution = new StageExecution(context, launcher);
        var tmp = cache.NewTempDir(key.Key);
        try
        {
            var request = execution.Request(stage, key, upstream, datasets, tmp, freshItems: false) with { Shard = shard };
            var requestFile = Path.Combine(tmp, "request.json");
            request.Write(requestFile);
            var claim = new ShardClaim { CacheRoot = cache.Root, Key = key.Key, Shard = shard };
            var what = $"computing the items of shard {shard} (key {key.Key[..12]}";
            bool ok;
            if (launcher.CommitsUnderItsOwnLock)
            {
                // The worker takes the shard's lock itself (shard.json), so the lock follows the computation.
                claim.Write(Path.Combine(tmp, ShardClaim.FileName));
                ok = execution.LaunchInSlots(stage, request, requestFile, what, new Stopwatch(), out _);
            }
            else
            {
                ok = true;
                claim.RunLocked(tmp, w => log.Warning("RSW402", w), default,
                    () => ok = execution.LaunchInSlots(stage, request, requestFile, what, new Stopwatch(), out _));
            }
            if (!ok)
                throw new WorkflowException("RSW405", $"stage '{stage.Name}' failed in shard {shard} (key {key.Key[..12]}); nothing was cached (its finished items stay)", stage.DeclaredAt);
            var counts = StageResult.Read(request.ResultFile);
            var result = File.Exists(Path.Combine(tmp, ShardClaim.CommittedMarker))
                ? new Result(shard, Committed: true, 0, 0, null)
                : new Result(shard, Committed: false, counts.ItemsComputed, counts.ItemsCached, counts.ItemsOfOtherShards);
            log.Message($"stage '{stage.Name}': {result.Describe()}");
            return result;
        }
        finally
        {
            if (Directory.Exists(tmp)) Directory.Delete(tmp, recursive: true);   // a shard's outputs are never committed
        }
    }
}
