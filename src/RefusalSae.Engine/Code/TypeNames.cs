using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace RefusalSae.Engine.Code;

/// <summary>
/// Writes types as token-free names, `[Assembly]Namespace.Outer/Inner`, generic instances as `T&lt;A,B&gt;` and
/// generic parameters as `!0` / `!!0`, so the same type has the same name whichever assembly or token refers to it.
/// Assembly versions are left out here (they would break resolution between our own assemblies); the versions of
/// external references are recorded separately in the code identity.
/// </summary>
internal sealed class TypeNames(MetadataReader reader, string assembly) : ISignatureTypeProvider<string, object?>
{
    public MetadataReader Reader => reader;

    public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();

    public string GetTypeFromDefinition(MetadataReader r, TypeDefinitionHandle handle, byte rawTypeKind) => Definition(handle);

    public string GetTypeFromReference(MetadataReader r, TypeReferenceHandle handle, byte rawTypeKind) => Reference(handle);

    public string GetTypeFromSpecification(MetadataReader r, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
        r.GetTypeSpecification(handle).DecodeSignature(this, context);

    public string GetSZArrayType(string elementType) => elementType + "[]";

    public string GetArrayType(string elementType, ArrayShape shape) => $"{elementType}[{new string(',', shape.Rank - 1)}]";

    public string GetByReferenceType(string elementType) => elementType + "&";

    public string GetPointerType(string elementType) => elementType + "*";

    public string GetPinnedType(string elementType) => elementType + " pinned";

    public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) =>
        $"{genericType}<{string.Join(",", typeArguments)}>";

    public string GetGenericTypeParameter(object? context, int index) => "!" + index;

    public string GetGenericMethodParameter(object? context, int index) => "!!" + index;

    public string GetFunctionPointerType(MethodSignature<string> signature) =>
        $"fnptr {signature.ReturnType}({string.Join(",", signature.ParameterTypes)})";

    public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) =>
        $"{unmodifiedType} {(isRequired ? "modreq" : "modopt")}({modifier})";

    /// <summary>A type defined in this assembly.</summary>
    public string Definition(TypeDefinitionHandle handle)
    {
        var t = reader.GetTypeDefinition(handle);
        var declaring = t.GetDeclaringType();
        return declaring.IsNil
            ? $"[{assembly}]{Qualified(t.Namespace, t.Name)}"
            : $"{Definition(declaring)}/{reader.GetString(t.Name)}";
    }

    /// <summary>A type referenced from this assembly, named by the assembly that defines it.</summary>
    public string Reference(TypeReferenceHandle handle)
    {
        var t = reader.GetTypeReference(handle);
        var scope = t.ResolutionScope;
        return scope.Kind switch
        {
            HandleKind.TypeReference => $"{Reference((TypeReferenceHandle)scope)}/{reader.GetString(t.Name)}",
            HandleKind.AssemblyReference => $"[{reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)}]{Qualified(t.Namespace, t.Name)}",
            _ => $"[{assembly}]{Qualified(t.Namespace, t.Name)}",
        };
    }

    /// <summary>Any TypeDef/TypeRef/TypeSpec handle.</summary>
    public string Of(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeDefinition => Definition((TypeDefinitionHandle)handle),
        HandleKind.TypeReference => Reference((TypeReferenceHandle)handle),
        HandleKind.TypeSpecification => GetTypeFromSpecification(reader, null, (TypeSpecificationHandle)handle, 0),
        _ => throw new BadImageFormatException($"expected a type handle, got {handle.Kind}"),
    };

    /// <summary>The generic definition behind a handle: `List`1&lt;int&gt;` → `List`1`; other types unchanged.</summary>
    public string DefinitionOf(EntityHandle handle)
    {
        if (handle.Kind != HandleKind.TypeSpecification) return Of(handle);
        var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)handle).Signature);
        if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance) return Of(handle);
        blob.ReadSignatureTypeCode();   // class or value type
        return Of(blob.ReadTypeHandle());
    }

    private string Qualified(StringHandle ns, StringHandle name) =>
        ns.IsNil || reader.GetString(ns).Length == 0 ? reader.GetString(name) : $"{reader.GetString(ns)}.{reader.GetString(name)}";

    public static string Signature(MethodSignature<string> s, string name) =>
        $"{s.ReturnType} {name}{(s.GenericParameterCount > 0 ? $"``{s.GenericParameterCount}" : "")}({string.Join(",", s.ParameterTypes)})";

    public static int Token(EntityHandle h) => MetadataTokens.GetToken(h);
}
