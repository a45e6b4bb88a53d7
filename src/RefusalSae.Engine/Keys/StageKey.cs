using System.Text.Json.Nodes;
using RefusalSae.Engine.Config;

namespace RefusalSae.Engine.Keys;

/// <summary>
/// The inputs that define a stage run and the key derived from them: XxHash128 of the canonical JSON of
/// {stage, version, config, upstream: {name: data hash}, datasets: {id: sha256}, code}, where code is the stage's
/// computed code identity (<see cref="Code.StageCode"/>). The per-item key leaves out the item-list keys and dataset
/// hashes and takes the item computations' code identity instead of the stage's.
/// </summary>
public sealed record StageKey(JsonObject Inputs, string Key)
{
    public static StageKey Compute(string stage, int version, JsonObject config,
        IReadOnlyDictionary<string, string> upstream, IReadOnlyDictionary<string, string> datasets, string code, string salt = "")
    {
        var inputs = new JsonObject
        {
            ["stage"] = stage,
            ["version"] = version,
            ["config"] = config.DeepClone(),
            ["upstream"] = ToObject(upstream),
            ["datasets"] = ToObject(datasets),
            ["code"] = code,
        };
        // The cache universe: bumping it disowns every entry (e.g. after a poisoned shared cache); absent by default.
        if (salt.Length > 0) inputs["salt"] = salt;
        return new StageKey(inputs, Hashing.Hex(CanonicalJson.Serialize(inputs)));
    }

    /// <summary>The per-item key: the stage key without datasets (the items are the data) and item-list config.</summary>
    public static string ItemKey(string stage, int version, JsonObject configWithoutItemKeys, IReadOnlyDictionary<string, string> upstream, string code) =>
        Hashing.Hex(CanonicalJson.Serialize(new JsonObject
        {
            ["stage"] = stage,
            ["version"] = version,
            ["config"] = configWithoutItemKeys.DeepClone(),
            ["upstream"] = ToObject(upstream),
            ["code"] = code,
            ["kind"] = "items",
        }));

    private static JsonObject ToObject(IReadOnlyDictionary<string, string> map)
    {
        var o = new JsonObject();
        foreach (var (k, v) in map.OrderBy(kv => kv.Key, StringComparer.Ordinal)) o[k] = v;
        return o;
    }
}
