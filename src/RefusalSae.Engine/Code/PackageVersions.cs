using System.Text.Json.Nodes;

namespace RefusalSae.Engine.Code;

/// <summary>
/// The NuGet packages behind the worker (its *.deps.json): which package ships each assembly, what each depends on,
/// and which ship native libraries (libtorch). A stage's identity names the packages whose assemblies its code
/// reaches, their dependency closure, and every native package when it reaches any package, since a package update can
/// change numbers without any of our code changing.
/// </summary>
internal sealed class PackageVersions
{
    private readonly Dictionary<string, string> _assemblyToPackage = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _dependencies = new(StringComparer.Ordinal);
    private readonly List<string> _native = [];

    public static PackageVersions None { get; } = new();

    private PackageVersions() { }

    public static PackageVersions Read(string? depsJson)
    {
        if (depsJson is null || !File.Exists(depsJson)) return None;
        var p = new PackageVersions();
        var root = JsonNode.Parse(File.ReadAllText(depsJson))!;
        var libraries = root["libraries"]!.AsObject();
        foreach (var target in root["targets"]!.AsObject().Select(t => t.Value!.AsObject()))
            foreach (var (id, entry) in target)
            {
                if (libraries[id]?["type"]?.GetValue<string>() != "package") continue;
                if (entry?["runtime"] is JsonObject runtime)
                    foreach (var file in runtime.Select(f => Path.GetFileNameWithoutExtension(f.Key)))
                        p._assemblyToPackage[file] = id;
                if (entry?["native"] is JsonObject || entry?["runtimeTargets"] is JsonObject rt && rt.Any(f => f.Value?["assetType"]?.GetValue<string>() == "native"))
                    p._native.Add(id);
                var deps = (entry?["dependencies"] as JsonObject)?.Select(d => $"{d.Key}/{d.Value!.GetValue<string>()}").ToList() ?? [];
                p._dependencies[id] = deps;
            }
        p._native.Sort(StringComparer.Ordinal);
        return p;
    }

    /// <summary>"Name/version" of every package that code using these assemblies depends on, sorted.</summary>
    public IReadOnlyList<string> For(IEnumerable<string> assemblies)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>(assemblies.Select(a => _assemblyToPackage.GetValueOrDefault(a)).OfType<string>());
        var any = stack.Count > 0;
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (!seen.Add(id)) continue;
            foreach (var d in _dependencies.GetValueOrDefault(id) ?? []) stack.Push(d);
        }
        if (any) foreach (var n in _native) seen.Add(n);
        return seen.ToList();
    }
}
