using System.Reflection;
using System.Reflection.Metadata;

namespace RefusalSae.Engine.Code;

/// <summary>
/// The stages in the analysed assemblies, found by the same rule as <see cref="Stages.StageRegistry"/> (a public,
/// non-abstract <see cref="Stages.IStage"/> with a parameterless constructor), read from metadata: the stage name is
/// the string its <c>Name</c> getter returns (<c>public string Name => "stage-name";</c>, i.e. IL `ldstr; ret`).
/// The entry points are the stage's constructor, <c>Run(StageContext)</c> and the engine's
/// <see cref="Stages.StageHost.Run"/> that calls it.
/// </summary>
internal static class StageEntryPoints
{
    private const string IStage = "[RefusalSae.Engine]RefusalSae.Engine.Stages.IStage";
    private const string Context = "[RefusalSae.Engine]RefusalSae.Engine.Stages.StageContext";
    internal const string Host = "[RefusalSae.Engine]RefusalSae.Engine.Stages.StageHost::Void Run([RefusalSae.Engine]RefusalSae.Engine.Stages.IStage,[RefusalSae.Engine]RefusalSae.Engine.Stages.StageRequest,[System.Runtime]System.IO.TextWriter,[System.Runtime]System.Threading.CancellationToken)";

    public static IReadOnlyDictionary<string, (string Type, IReadOnlyList<string> Roots)> Find(CodeGraph graph)
    {
        var stages = new Dictionary<string, (string, IReadOnlyList<string>)>(StringComparer.Ordinal);
        foreach (var type in graph.SubtypesOf(IStage).Order(StringComparer.Ordinal))
        {
            var a = graph.OwnerOfType(type);
            var def = a.Reader.GetTypeDefinition(a.Types[type]);
            if ((def.Attributes & (TypeAttributes.Abstract | TypeAttributes.Interface)) != 0) continue;
            if ((def.Attributes & TypeAttributes.VisibilityMask) != TypeAttributes.Public) continue;
            var ctor = $"{type}::Void .ctor()";
            if (!a.Methods.ContainsKey(ctor)) continue;
            var getter = $"{type}::String get_Name()";
            var name = a.Methods.TryGetValue(getter, out var gh) ? ConstantString(a, gh) : null;
            if (name is null)
                throw new WorkflowException("RSW130", $"stage type {type}: its Name must be a constant string (public string Name => \"stage-name\";) so the code analysis can find the stage without running it", null);
            if (!stages.TryAdd(name, (type, [ctor, getter, $"{type}::Void Run({Context})", Host])))
                throw new WorkflowException("RSW131", $"two stages are named '{name}': {stages[name].Item1} and {type}", null);
        }
        return stages;
    }

    private static string? ConstantString(AssemblyModel a, MethodDefinitionHandle h)
    {
        var m = a.Reader.GetMethodDefinition(h);
        if (m.RelativeVirtualAddress == 0) return null;
        // Debug builds wrap the constant in nops and a local; anything beyond nop/ldstr/stloc.0/br.s/ldloc.0/ret is not constant.
        var il = a.Body(m.RelativeVirtualAddress).GetILReader();
        string? value = null;
        while (il.RemainingBytes > 0)
        {
            switch (il.ReadByte())
            {
                case 0x00 or 0x0A or 0x06 or 0x2A: break;
                case 0x2B: il.ReadSByte(); break;
                case 0x72 when value is null:
                    value = a.Reader.GetUserString(System.Reflection.Metadata.Ecma335.MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF));
                    break;
                default: return null;
            }
        }
        return value;
    }
}
