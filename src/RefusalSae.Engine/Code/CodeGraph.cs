using System.Text;
using System.Text.RegularExpressions;
using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Code;

/// <summary>
/// The analysed assemblies as one program, and the code reachable from a set of root methods: direct calls, the
/// address-taken methods of lambdas and local functions (closures, async and iterator state machines are types whose
/// methods are reached below), static constructors of every type touched, and virtual/interface calls resolved to
/// every override in a type that reachable code can instantiate (rapid type analysis: constructed with newobj,
/// named as a generic argument or by typeof, or a value type). Every virtual method and property accessor of an
/// instantiated type is reached too, since library code (ToString, MoveNext, Dispose, Compare, serialisers) may call it. Types named only
/// as generic arguments are treated as reflected (serialisers): their constructors and property accessors are reached,
/// and so are the types of their properties.
/// </summary>
internal sealed partial class CodeGraph
{
    private readonly Dictionary<string, AssemblyModel> _methodOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AssemblyModel> _typeOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _subtypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _supertypes = new(StringComparer.Ordinal);

    public CodeGraph(IReadOnlyList<AssemblyModel> assemblies)
    {
        Assemblies = assemblies;
        foreach (var a in assemblies)
        {
            foreach (var m in a.Methods.Keys) _methodOwner.TryAdd(m, a);
            foreach (var t in a.Types.Keys) _typeOwner.TryAdd(t, a);
        }
        foreach (var a in assemblies)
            foreach (var t in a.Types.Keys)
                foreach (var s in _supertypes[t] = AllSupertypes(t))
                    (_subtypes.TryGetValue(s, out var l) ? l : _subtypes[s] = []).Add(t);
    }

    public IReadOnlyList<AssemblyModel> Assemblies { get; }

    public bool Defines(string methodId) => _methodOwner.ContainsKey(methodId);

    public AssemblyModel OwnerOfType(string type) => _typeOwner[type];

    public MethodFacts Facts(string methodId) => _methodOwner[methodId].Facts(methodId);

    private HashSet<string> AllSupertypes(string type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([type]);
        while (stack.Count > 0)
        {
            var t = stack.Pop();
            if (!_typeOwner.TryGetValue(t, out var a)) continue;
            foreach (var s in a.Supertypes[t]) if (seen.Add(s)) stack.Push(s);
        }
        return seen;
    }

    /// <summary>The reachable methods and types from <paramref name="roots"/>.</summary>
    /// <param name="instances">
    /// Types constructed outside the roots whose objects the roots may receive (the stage's instances, for its item
    /// computations): virtual calls dispatch to them too.
    /// </param>
    public Reach Reach(IEnumerable<string> roots, IReadOnlySet<string>? instances = null)
    {
        var r = new Reach(this, instances ?? new HashSet<string>());
        foreach (var root in roots) r.AddMethod(root);
        r.Run();
        return r;
    }

    /// <summary>Every `[Assembly]Namespace.Type` inside a type string (generic arguments, arrays, by-refs included).</summary>
    public static IEnumerable<string> TypesIn(string typeString) => TypeName().Matches(typeString).Select(m => m.Value);

    [GeneratedRegex(@"\[[^\]]+\][^<>,\[\]\s&*()]+")]
    private static partial Regex TypeName();

    internal IReadOnlySet<string> SubtypesOf(string type) => _subtypes.GetValueOrDefault(type) ?? [];

    internal IReadOnlySet<string> SupertypesOf(string type) => _supertypes.GetValueOrDefault(type) ?? [];

    internal bool DefinesType(string type) => _typeOwner.ContainsKey(type);
}

/// <summary>A reachability computation: worklist over methods, with types instantiated as they are found.</summary>
internal sealed class Reach(CodeGraph graph, IReadOnlySet<string> instances)
{
    private readonly Queue<string> _work = new();
    private readonly HashSet<string> _virtualCalls = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _virtualCallsOn = new(StringComparer.Ordinal);

    public HashSet<string> Methods { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Types { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Instantiated { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Reflected { get; } = new(StringComparer.Ordinal);
    /// <summary>Names of types outside the analysed assemblies that reachable code uses (their assembly versions count).</summary>
    public HashSet<string> ExternalAssemblies { get; } = new(StringComparer.Ordinal);

    public void AddMethod(string id)
    {
        if (!graph.Defines(id)) { NoteExternal(id); return; }
        if (Methods.Add(id)) _work.Enqueue(id);
    }

    public void Run()
    {
        while (_work.Count > 0)
        {
            var id = _work.Dequeue();
            var f = graph.Facts(id);
            AddType(id[..id.IndexOf("::", StringComparison.Ordinal)]);
            if (id.Contains("::Void .ctor(", StringComparison.Ordinal)) Instantiate(id[..id.IndexOf("::", StringComparison.Ordinal)]);
            foreach (var c in f.Calls) AddMethod(c);
            foreach (var t in f.Types) foreach (var n in CodeGraph.TypesIn(t)) AddType(n);
            foreach (var fld in f.Fields) AddType(fld[..fld.IndexOf("::", StringComparison.Ordinal)]);
            foreach (var v in f.VirtualCalls) AddVirtualCall(v);
            // A generic argument or a typeof may be constructed by library code through reflection.
            foreach (var t in f.Reflected) foreach (var n in CodeGraph.TypesIn(t)) if (graph.DefinesType(n)) Reflect(n);
        }
    }

    private void AddType(string type)
    {
        if (!graph.DefinesType(type)) { NoteExternal(type); return; }
        if (!Types.Add(type)) return;
        var a = graph.OwnerOfType(type);
        foreach (var m in a.MethodsOf[type].Where(m => m.Contains("::Void .cctor(", StringComparison.Ordinal))) AddMethod(m);
        foreach (var s in a.Supertypes[type]) AddType(s);
        if (a.IsValueType(type)) Instantiate(type);
    }

    private void Instantiate(string type)
    {
        if (!graph.DefinesType(type) || !Instantiated.Add(type)) return;
        AddType(type);
        var a = graph.OwnerOfType(type);
        foreach (var m in a.MethodsOf[type].Where(a.IsVirtual)) AddMethod(m);
        foreach (var (accessor, _) in a.Accessors(type)) AddMethod(accessor);   // serialisers read an object's properties by reflection
        foreach (var super in graph.SupertypesOf(type))
            if (_virtualCallsOn.TryGetValue(super, out var calls))
                foreach (var v in calls.ToList()) Dispatch(v, type);   // ToList: dispatching may add virtual calls
    }

    private void Reflect(string type)
    {
        if (!Reflected.Add(type)) return;
        Instantiate(type);
        var a = graph.OwnerOfType(type);
        foreach (var m in a.MethodsOf[type].Where(m => m.Contains("::Void .ctor(", StringComparison.Ordinal))) AddMethod(m);
        foreach (var (accessor, propertyType) in a.Accessors(type))
        {
            AddMethod(accessor);
            foreach (var n in CodeGraph.TypesIn(propertyType)) if (graph.DefinesType(n)) Reflect(n);
        }
    }

    private void AddVirtualCall(string id)
    {
        if (!_virtualCalls.Add(id)) return;
        var declaring = id[..id.IndexOf("::", StringComparison.Ordinal)];
        (_virtualCallsOn.TryGetValue(declaring, out var l) ? l : _virtualCallsOn[declaring] = []).Add(id);
        foreach (var sub in graph.SubtypesOf(declaring).Where(t => Instantiated.Contains(t) || instances.Contains(t))) Dispatch(id, sub);
    }

    /// <summary>Reaches <paramref name="type"/>'s overrides of the virtual method <paramref name="id"/>, by name (conservative for generic interfaces) and by explicit implementation.</summary>
    private void Dispatch(string id, string type)
    {
        var declaring = id[..id.IndexOf("::", StringComparison.Ordinal)];
        if (!graph.SubtypesOf(declaring).Contains(type)) return;
        var a = graph.OwnerOfType(type);
        var name = SimpleName(id);
        foreach (var m in a.VirtualsOf(type)[name]) AddMethod(m);
        foreach (var body in a.Overrides.GetValueOrDefault(id) ?? []) if (body.StartsWith(type + "::", StringComparison.Ordinal)) AddMethod(body);
    }

    private static string SimpleName(string id)
    {
        var sig = id[(id.IndexOf("::", StringComparison.Ordinal) + 2)..];
        var open = sig.IndexOf('(');
        var space = sig.LastIndexOf(' ', open);
        var name = sig[(space + 1)..open];
        var generic = name.IndexOf("``", StringComparison.Ordinal);
        return generic < 0 ? name : name[..generic];
    }

    private void NoteExternal(string name)
    {
        if (name.StartsWith('[')) ExternalAssemblies.Add(name[1..name.IndexOf(']')]);
    }

    /// <summary>The identity text: each reached method's body hash and attributes, each reached type's shape.</summary>
    public string Describe()
    {
        var sb = new StringBuilder();
        foreach (var m in Methods.Order(StringComparer.Ordinal))
        {
            var a = graph.OwnerOfType(m[..m.IndexOf("::", StringComparison.Ordinal)]);
            sb.Append(m).Append(' ').Append(a.Facts(m).BodyHash).Append(' ').Append(Hashing.Hex(a.MethodAttributes(m))).Append('\n');
        }
        foreach (var t in Types.Order(StringComparer.Ordinal))
            sb.Append(graph.OwnerOfType(t).Shape(t)).Append(' ').Append(t).Append('\n');
        return sb.ToString();
    }
}
