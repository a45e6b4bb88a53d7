using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Text;
using RefusalSae.Engine.Keys;

namespace RefusalSae.Engine.Code;

/// <summary>
/// Reads one IL body and writes it with every metadata token replaced by what it names (member signature, type name,
/// string contents), so an edit elsewhere that renumbers tokens leaves the text unchanged. IL holds no comments and no
/// line numbers (those live in the PDB), so comment-, whitespace- and formatting-only edits leave it unchanged too.
/// </summary>
internal static class IlScanner
{
    public static MethodFacts Scan(AssemblyModel asm, MethodBodyBlock body)
    {
        var names = asm.Names;
        var text = new StringBuilder();
        var calls = new List<string>();
        var virtuals = new List<string>();
        var fields = new List<string>();
        var types = new List<string>();
        var reflected = new List<string>();
        var sites = new List<(string, IReadOnlyList<string>)>();
        var pendingDelegates = new List<string>();
        text.Append("maxstack ").Append(body.MaxStack).Append(" init ").Append(body.LocalVariablesInitialized).Append('\n');
        if (!body.LocalSignature.IsNil)
        {
            var locals = names.Reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(names, null);
            text.Append("locals ").AppendJoin(',', locals).Append('\n');
            types.AddRange(locals);
        }
        foreach (var region in body.ExceptionRegions)
        {
            text.Append($"try {region.Kind} {region.TryOffset}+{region.TryLength} {region.HandlerOffset}+{region.HandlerLength} {region.FilterOffset}");
            if (!region.CatchType.IsNil) { var t = names.Of(region.CatchType); text.Append(' ').Append(t); types.Add(t); }
            text.Append('\n');
        }

        var il = body.GetILReader();
        var constrained = false;
        while (il.RemainingBytes > 0)
        {
            var offset = il.Offset;
            int op = il.ReadByte();
            if (op == 0xFE) op = 0xFE00 | il.ReadByte();
            text.Append(offset).Append(':').Append(op.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            switch (OperandOf(op))
            {
                case Operand.None: break;
                case Operand.Int8: text.Append(' ').Append(il.ReadSByte()); break;
                case Operand.UInt8: text.Append(' ').Append(il.ReadByte()); break;
                case Operand.UInt16: text.Append(' ').Append(il.ReadUInt16()); break;
                case Operand.Int32: text.Append(' ').Append(il.ReadInt32()); break;
                case Operand.Int64: text.Append(' ').Append(il.ReadInt64()); break;
                case Operand.Float32: text.Append(' ').Append(BitConverter.SingleToInt32Bits(il.ReadSingle())); break;
                case Operand.Float64: text.Append(' ').Append(BitConverter.DoubleToInt64Bits(il.ReadDouble())); break;
                case Operand.Switch:
                    var n = il.ReadUInt32();
                    for (var i = 0; i < n; i++) text.Append(' ').Append(il.ReadInt32());
                    break;
                case Operand.String:
                    var s = names.Reader.GetUserString(MetadataTokens.UserStringHandle(il.ReadInt32() & 0xFFFFFF));
                    text.Append(" \"").Append(s.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\"", "\\\"")).Append('"');
                    break;
                case Operand.Signature:
                    var sig = names.Reader.GetStandaloneSignature((StandaloneSignatureHandle)MetadataTokens.EntityHandle(il.ReadInt32()));
                    var ms = sig.DecodeMethodSignature(names, null);
                    text.Append(' ').Append(TypeNames.Signature(ms, "calli"));
                    types.Add(ms.ReturnType);
                    types.AddRange(ms.ParameterTypes);
                    break;
                case Operand.Token:
                    var handle = MetadataTokens.EntityHandle(il.ReadInt32());
                    var named = Name(asm, handle, op, calls, virtuals, fields, types, reflected, constrained);
                    text.Append(' ').Append(named.Display);
                    if (op is 0xFE06 or 0xFE07 && named.Method is { } target) pendingDelegates.Add(target);
                    if (op is 0x28 or 0x6F or 0x73 && named.Method is { } callee && pendingDelegates.Count > 0)
                    {
                        sites.Add((callee, pendingDelegates.ToList()));
                        if (asm.IsItemCacheMember(callee)) pendingDelegates.Clear();
                    }
                    if (op == 0x28 || op == 0x6F) constrained = false;
                    if (op == 0xFE16) constrained = true;
                    break;
            }
            text.Append('\n');
        }
        return new MethodFacts(Hashing.Hex(text.ToString()), calls, virtuals, fields, types, reflected, sites);
    }

    private static (string Display, string? Method) Name(AssemblyModel asm, EntityHandle handle, int op,
        List<string> calls, List<string> virtuals, List<string> fields, List<string> types, List<string> reflected, bool constrained)
    {
        var names = asm.Names;
        switch (handle.Kind)
        {
            case HandleKind.MethodDefinition:
            case HandleKind.MemberReference when asm.IsMethodReference((MemberReferenceHandle)handle):
            case HandleKind.MethodSpecification:
            {
                var (id, display, typeArgs) = asm.MethodId(handle);
                types.AddRange(typeArgs);
                if (handle.Kind == HandleKind.MethodSpecification) reflected.AddRange(asm.GenericArguments((MethodSpecificationHandle)handle));
                var isVirtual = op is 0x6F or 0xFE07 || constrained;
                (isVirtual ? virtuals : calls).Add(id);
                if (isVirtual) calls.Add(id);
                return (display, id);
            }
            case HandleKind.FieldDefinition:
            case HandleKind.MemberReference:
            {
                var (id, display, declaring) = asm.FieldId(handle);
                fields.Add(id);
                types.Add(declaring);
                // ldtoken of an array initialiser's data: the bytes are the value, so they are part of the body.
                return (op == 0xD0 ? $"{display} = {asm.FieldData(handle)}" : display, null);
            }
            case HandleKind.TypeDefinition:
            case HandleKind.TypeReference:
            case HandleKind.TypeSpecification:
            {
                var t = names.Of(handle);
                types.Add(t);
                if (op == 0xD0) reflected.Add(t);
                return (t, null);
            }
            default:
                return (handle.Kind.ToString(), null);
        }
    }

    private enum Operand { None, Int8, UInt8, UInt16, Int32, Int64, Float32, Float64, Switch, String, Signature, Token }

    /// <summary>ECMA-335 III: the operand that follows each opcode (two-byte opcodes as 0xFExx).</summary>
    private static Operand OperandOf(int op) => op switch
    {
        >= 0x0E and <= 0x13 => Operand.UInt8,           // ldarg.s … stloc.s
        0x1F => Operand.Int8,                           // ldc.i4.s
        0x20 => Operand.Int32,
        0x21 => Operand.Int64,
        0x22 => Operand.Float32,
        0x23 => Operand.Float64,
        0x27 or 0x28 => Operand.Token,                  // jmp, call
        0x29 => Operand.Signature,                      // calli
        >= 0x2B and <= 0x37 => Operand.Int8,            // short branches
        >= 0x38 and <= 0x44 => Operand.Int32,           // branches
        0x45 => Operand.Switch,
        0x72 => Operand.String,                         // ldstr
        0x6F or 0x70 or 0x71 or 0x73 or 0x74 or 0x75 or 0x79 => Operand.Token,
        >= 0x7B and <= 0x81 => Operand.Token,           // field access, stobj
        0x8C or 0x8D or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0 => Operand.Token,
        0xDD => Operand.Int32,                          // leave
        0xDE => Operand.Int8,                           // leave.s
        0xFE06 or 0xFE07 or 0xFE15 or 0xFE16 or 0xFE1C => Operand.Token,   // ldftn, ldvirtftn, initobj, constrained., sizeof
        >= 0xFE09 and <= 0xFE0E => Operand.UInt16,      // ldarg … stloc (long forms)
        0xFE12 or 0xFE19 => Operand.UInt8,              // unaligned., no.
        _ => Operand.None,
    };
}
