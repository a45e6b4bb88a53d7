using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Code;

/// <summary>
/// One compiled assembly read through System.Reflection.Metadata (no loading, no TorchSharp): its methods and types
/// by token-free id, the shape of each type, and each method's <see cref="MethodFacts"/> (computed once, on demand).
/// </summary>
internal sealed class AssemblyModel
{
    private const string ItemCachePrefix = "[RefusalSae.Engine]RefusalSae.Engine.Stages.ItemCache::";
    private readonly PEReader _pe;
    private readonly Dictionary<string, MethodFacts> _facts = new(StringComparer.Ordinal);

    public AssemblyModel(string path)
    {
        _pe = new PEReader(ImmutableArray.Create(File.ReadAllBytes(path)));
        Reader = _pe.GetMetadataReader();
        Name = Reader.GetString(Reader.GetAssemblyDefinition().Name);
        Names = new TypeNames(Reader, Name);
        foreach (var h in Reader.AssemblyReferences)
        {
            var r = Reader.GetAssemblyReference(h);
            References[Reader.GetString(r.Name)] = r.Version.ToString();
        }
        foreach (var th in Reader.TypeDefinitions)
        {
            var t = Reader.GetTypeDefinition(th);
            var name = Names.Definition(th);
            Types[name] = th;
            var methods = new List<string>();
            foreach (var mh in t.GetMethods())
            {
                var id = DefinitionId(mh);
                Methods[id] = mh;
                methods.Add(id);
            }
            MethodsOf[name] = methods;
            var supers = new List<string>();
            if (!t.BaseType.IsNil) supers.Add(Names.DefinitionOf(t.BaseType));
            foreach (var ih in t.GetInterfaceImplementations()) supers.Add(Names.DefinitionOf(Reader.GetInterfaceImplementation(ih).Interface));
            Supertypes[name] = supers;
            foreach (var impl in t.GetMethodImplementations())
            {
                var mi = Reader.GetMethodImplementation(impl);
                var declaration = MethodId(mi.MethodDeclaration).Id;
                (Overrides.TryGetValue(declaration, out var bodies) ? bodies : Overrides[declaration] = []).Add(MethodId(mi.MethodBody).Id);
            }
        }
    }

    public MetadataReader Reader { get; }
    public string Name { get; }
    public TypeNames Names { get; }
    /// <summary>Referenced assembly name → version (the versions are part of the identity of code that uses them).</summary>
    public Dictionary<string, string> References { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, MethodDefinitionHandle> Methods { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, TypeDefinitionHandle> Types { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<string>> MethodsOf { get; } = new(StringComparer.Ordinal);
    /// <summary>Base type and interfaces (generic definitions) of each type defined here.</summary>
    public Dictionary<string, List<string>> Supertypes { get; } = new(StringComparer.Ordinal);
    /// <summary>Explicit implementations: declaration id → implementing method ids.</summary>
    public Dictionary<string, List<string>> Overrides { get; } = new(StringComparer.Ordinal);

    /// <summary>Virtual methods of a type by simple name (what a virtual call may dispatch to).</summary>
    public ILookup<string, string> VirtualsOf(string type) =>
        _virtuals.TryGetValue(type, out var l) ? l
            : _virtuals[type] = MethodsOf[type].Where(IsVirtual).ToLookup(SimpleName, StringComparer.Ordinal);

    private readonly Dictionary<string, ILookup<string, string>> _virtuals = new(StringComparer.Ordinal);

    public bool IsItemCacheMember(string methodId) => methodId.StartsWith(ItemCachePrefix, StringComparison.Ordinal);

    public bool IsMethodReference(MemberReferenceHandle h) =>
        Reader.GetMemberReference(h).GetKind() == MemberReferenceKind.Method;

    public MethodFacts Facts(string id)
    {
        if (_facts.TryGetValue(id, out var f)) return f;
        var m = Reader.GetMethodDefinition(Methods[id]);
        f = m.RelativeVirtualAddress == 0
            ? new MethodFacts("no-body:" + m.Attributes + ":" + m.ImplAttributes, [], [], [], [], [], [])
            : IlScanner.Scan(this, _pe.GetMethodBody(m.RelativeVirtualAddress));
        return _facts[id] = f;
    }

    public MethodBodyBlock Body(int rva) => _pe.GetMethodBody(rva);

    public bool IsVirtual(string methodId) =>
        (Reader.GetMethodDefinition(Methods[methodId]).Attributes & System.Reflection.MethodAttributes.Virtual) != 0;

    public string SimpleName(string methodId) => Reader.GetString(Reader.GetMethodDefinition(Methods[methodId]).Name);

    public bool IsValueType(string type) =>
        Supertypes.TryGetValue(type, out var s) && s.Count > 0 && s[0] is "[System.Runtime]System.ValueType" or "[System.Runtime]System.Enum";

    /// <summary>Property accessors (serialisers call them through reflection).</summary>
    public IEnumerable<(string Accessor, string PropertyType)> Accessors(string type)
    {
        var t = Reader.GetTypeDefinition(Types[type]);
        foreach (var ph in t.GetProperties())
        {
            var p = Reader.GetPropertyDefinition(ph);
            var propertyType = p.DecodeSignature(Names, null).ReturnType;
            var a = p.GetAccessors();
            if (!a.Getter.IsNil) yield return (DefinitionId(a.Getter), propertyType);
            if (!a.Setter.IsNil) yield return (DefinitionId(a.Setter), propertyType);
        }
    }

    /// <summary>The hash of the type's declared shape: base, interfaces, fields with their types, constants and data, attributes.</summary>
    public string Shape(string type)
    {
        if (_shapes.TryGetValue(type, out var known)) return known;
        return _shapes[type] = Hashing.Hex(ShapeText(type));
    }

    private readonly Dictionary<string, string> _shapes = new(StringComparer.Ordinal);

    private string ShapeText(string type)
    {
        var t = Reader.GetTypeDefinition(Types[type]);
        var sb = new StringBuilder();
        sb.Append(type).Append(' ').Append(t.Attributes).Append(" : ").AppendJoin(',', Supertypes[type]).Append('\n');
        Attributes(sb, t.GetCustomAttributes());
        foreach (var fh in t.GetFields())
        {
            var f = Reader.GetFieldDefinition(fh);
            sb.Append("field ").Append(Reader.GetString(f.Name)).Append(' ').Append(f.DecodeSignature(Names, null)).Append(' ').Append(f.Attributes);
            if (!f.GetDefaultValue().IsNil) sb.Append(" = ").Append(Hashing.Hex(Reader.GetBlobBytes(Reader.GetConstant(f.GetDefaultValue()).Value)));
            if (f.GetRelativeVirtualAddress() != 0) sb.Append(" rva ").Append(FieldData(fh));
            sb.Append('\n');
            Attributes(sb, f.GetCustomAttributes());
        }
        foreach (var ph in t.GetProperties())
        {
            var p = Reader.GetPropertyDefinition(ph);
            sb.Append("property ").Append(Reader.GetString(p.Name)).Append('\n');
            Attributes(sb, p.GetCustomAttributes());
        }
        return sb.ToString();
    }

    /// <summary>Attributes of a method and its parameters (e.g. [JsonPropertyName] on a record's constructor).</summary>
    public string MethodAttributes(string methodId)
    {
        var m = Reader.GetMethodDefinition(Methods[methodId]);
        var sb = new StringBuilder();
        Attributes(sb, m.GetCustomAttributes());
        foreach (var ph in m.GetParameters())
        {
            var p = Reader.GetParameter(ph);
            sb.Append("param ").Append(p.SequenceNumber).Append(' ').Append(Reader.GetString(p.Name)).Append(' ').Append(p.Attributes);
            if (!p.GetDefaultValue().IsNil) sb.Append(" = ").Append(Hashing.Hex(Reader.GetBlobBytes(Reader.GetConstant(p.GetDefaultValue()).Value)));
            sb.Append('\n');
            Attributes(sb, p.GetCustomAttributes());
        }
        return sb.ToString();
    }

    private void Attributes(StringBuilder sb, CustomAttributeHandleCollection attributes)
    {
        // Compiler bookkeeping (nullable annotations, [CompilerGenerated], state-machine pointers) changes no behaviour.
        foreach (var a in attributes.Select(Reader.GetCustomAttribute)
                     .Select(a => (Ctor: MethodId(a.Constructor).Id, Blob: Hashing.Hex(Reader.GetBlobBytes(a.Value))))
                     .Where(a => !a.Ctor.Contains("System.Runtime.CompilerServices.", StringComparison.Ordinal)
                                 && !a.Ctor.Contains("System.Diagnostics.", StringComparison.Ordinal))
                     .Order())
            sb.Append("  [").Append(a.Ctor).Append(' ').Append(a.Blob).Append("]\n");
    }

    public string FieldData(EntityHandle handle)
    {
        if (handle.Kind != HandleKind.FieldDefinition) return "";
        var f = Reader.GetFieldDefinition((FieldDefinitionHandle)handle);
        var rva = f.GetRelativeVirtualAddress();
        if (rva == 0) return "";
        var size = SizeOfData(f);
        var data = _pe.GetSectionData(rva);
        var bytes = data.GetContent(0, Math.Min(size, data.Length));
        return Hashing.Hex(bytes.AsSpan());
    }

    private int SizeOfData(FieldDefinition f)
    {
        // Array-initialiser data lives in a field whose type is a struct of explicit size (ClassLayout.Size).
        var blob = Reader.GetBlobReader(f.Signature);
        blob.ReadSignatureHeader();
        var code = blob.ReadSignatureTypeCode();
        if (code is SignatureTypeCode.TypeHandle or (SignatureTypeCode)0x11)
        {
            var th = blob.ReadTypeHandle();
            if (th.Kind == HandleKind.TypeDefinition)
                return Reader.GetTypeDefinition((TypeDefinitionHandle)th).GetLayout().Size;
        }
        return code switch
        {
            SignatureTypeCode.Int64 or SignatureTypeCode.UInt64 or SignatureTypeCode.Double => 8,
            SignatureTypeCode.Int16 or SignatureTypeCode.UInt16 or SignatureTypeCode.Char => 2,
            SignatureTypeCode.Byte or SignatureTypeCode.SByte or SignatureTypeCode.Boolean => 1,
            _ => 4,
        };
    }

    private string DefinitionId(MethodDefinitionHandle mh)
    {
        var m = Reader.GetMethodDefinition(mh);
        return $"{Names.Definition(m.GetDeclaringType())}::{TypeNames.Signature(m.DecodeSignature(Names, null), Reader.GetString(m.Name))}";
    }

    /// <summary>(id used for resolution, text written into the body, generic arguments) of any method handle.</summary>
    public (string Id, string Display, IReadOnlyList<string> TypeArgs) MethodId(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
            {
                var id = DefinitionId((MethodDefinitionHandle)handle);
                return (id, id, []);
            }
            case HandleKind.MemberReference:
            {
                var r = Reader.GetMemberReference((MemberReferenceHandle)handle);
                var sig = TypeNames.Signature(r.DecodeMethodSignature(Names, null), Reader.GetString(r.Name));
                if (r.Parent.Kind == HandleKind.MethodDefinition) return MethodId(r.Parent);   // vararg call site
                var parent = r.Parent.Kind is HandleKind.ModuleReference ? $"[{Name}]<module>" : Names.DefinitionOf(r.Parent);
                var shown = r.Parent.Kind is HandleKind.ModuleReference ? parent : Names.Of(r.Parent);
                return ($"{parent}::{sig}", $"{shown}::{sig}", r.Parent.Kind == HandleKind.TypeSpecification ? [shown] : []);
            }
            case HandleKind.MethodSpecification:
            {
                var s = Reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                var (id, display, typeArgs) = MethodId(s.Method);
                var args = s.DecodeSignature(Names, null);
                return (id, $"{display}<{string.Join(",", args)}>", [.. typeArgs, .. args]);
            }
            default:
                throw new BadImageFormatException($"expected a method handle, got {handle.Kind}");
        }
    }

    public IReadOnlyList<string> GenericArguments(MethodSpecificationHandle h) =>
        Reader.GetMethodSpecification(h).DecodeSignature(Names, null);

    public (string Id, string Display, string DeclaringType) FieldId(EntityHandle handle)
    {
        if (handle.Kind == HandleKind.FieldDefinition)
        {
            var f = Reader.GetFieldDefinition((FieldDefinitionHandle)handle);
            var decl = Names.Definition(f.GetDeclaringType());
            var id = $"{decl}::{Reader.GetString(f.Name)}";
            return (id, id, decl);
        }
        var r = Reader.GetMemberReference((MemberReferenceHandle)handle);
        var parent = Names.DefinitionOf(r.Parent);
        return ($"{parent}::{Reader.GetString(r.Name)}", $"{Names.Of(r.Parent)}::{Reader.GetString(r.Name)}", Names.Of(r.Parent));
    }
}
