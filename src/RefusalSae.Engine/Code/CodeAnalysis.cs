using System.Text;
using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Code;

/// <summary>
/// Computes each stage's <see cref="StageCode"/> from compiled assemblies (System.Reflection.Metadata only: nothing is
/// loaded, so the MSBuild task never loads TorchSharp). Every method a stage can reach contributes the hash of its
/// token-free IL; every type it touches contributes its shape; referenced assembly versions and the NuGet packages
/// behind them are part of it too.
/// </summary>
public static class CodeAnalysis
{
    public static IReadOnlyDictionary<string, StageCode> Analyse(IReadOnlyList<string> assemblies, string? depsJson)
    {
        var models = assemblies.Order(StringComparer.Ordinal).Select(p => new AssemblyModel(p)).ToList();
        var graph = new CodeGraph(models);
        var packages = PackageVersions.Read(depsJson);
        var result = new SortedDictionary<string, StageCode>(StringComparer.Ordinal);
        foreach (var (name, (_, roots)) in StageEntryPoints.Find(graph))
        {
            var reach = graph.Reach(roots);
            var itemRoots = ItemRoots(graph, reach);
            var itemReach = itemRoots.Count == 0 ? reach : graph.Reach(itemRoots, reach.Instantiated);
            var (code, pk) = Identity(models, reach, packages);
            var (itemCode, _) = Identity(models, itemReach, packages);
            result[name] = new StageCode(code, itemCode, reach.Methods.Count, itemReach.Methods.Count, pk);
        }
        return result;
    }

    /// <summary>The methods a stage reaches (or its item computations reach), sorted: to explain a key.</summary>
    public static IReadOnlyList<string> Reached(IReadOnlyList<string> assemblies, string stage, bool items)
    {
        var graph = new CodeGraph(assemblies.Order(StringComparer.Ordinal).Select(p => new AssemblyModel(p)).ToList());
        var reach = graph.Reach(StageEntryPoints.Find(graph)[stage].Roots);
        if (items && ItemRoots(graph, reach) is { Count: > 0 } roots) reach = graph.Reach(roots, reach.Instantiated);
        return reach.Methods.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The item computations: the methods whose address is taken (lambdas, local functions, method groups) in the same
    /// body before a call into the item cache, or before a call to a method that itself calls into the item cache
    /// (a helper that receives the computation as a delegate), plus the item cache methods called.
    /// </summary>
    internal static List<string> ItemRoots(CodeGraph graph, Reach reach)
    {
        var users = reach.Methods.Where(m => graph.Facts(m).Calls.Any(IsItemCache)).ToHashSet(StringComparer.Ordinal);
        var roots = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var m in reach.Methods)
        {
            var f = graph.Facts(m);
            foreach (var c in f.Calls.Where(IsItemCache)) roots.Add(c);
            foreach (var (callee, delegates) in f.DelegateSites)
                if (IsItemCache(callee) || users.Contains(callee))
                    foreach (var d in delegates) roots.Add(d);
        }
        return roots.ToList();
    }

    private static bool IsItemCache(string id) => id.StartsWith("[RefusalSae.Engine]RefusalSae.Engine.Stages.ItemCache::", StringComparison.Ordinal);

    private static (string Hash, IReadOnlyList<string> Packages) Identity(List<AssemblyModel> models, Reach reach, PackageVersions packages)
    {
        var sb = new StringBuilder(reach.Describe());
        var versions = models.SelectMany(m => m.References).GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => string.Join("|", g.Select(r => r.Value).Distinct().Order(StringComparer.Ordinal)), StringComparer.Ordinal);
        foreach (var a in reach.ExternalAssemblies.Order(StringComparer.Ordinal))
            sb.Append("assembly ").Append(a).Append(' ').Append(versions.GetValueOrDefault(a, "?")).Append('\n');
        var pk = packages.For(reach.ExternalAssemblies);
        foreach (var p in pk) sb.Append("package ").Append(p).Append('\n');
        return (Hashing.Hex(sb.ToString()), pk);
    }
}
