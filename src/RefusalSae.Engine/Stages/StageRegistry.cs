using System.Reflection;

namespace RefusalSae.Engine.Stages;

/// <summary>Finds <see cref="IStage"/> implementations by reflection: public, non-abstract, parameterless constructor.</summary>
public static class StageRegistry
{
    public static IReadOnlyDictionary<string, Type> Discover(params Assembly[] assemblies)
    {
        var map = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var t in assemblies.SelectMany(a => a.GetExportedTypes()))
        {
            if (!typeof(IStage).IsAssignableFrom(t) || t.IsAbstract || t.IsInterface || t.GetConstructor(Type.EmptyTypes) is null) continue;
            var name = ((IStage)Activator.CreateInstance(t)!).Name;
            if (!map.TryAdd(name, t))
                throw new InvalidOperationException($"two stages are named '{name}': {map[name].FullName} and {t.FullName}");
        }
        return map;
    }
}
