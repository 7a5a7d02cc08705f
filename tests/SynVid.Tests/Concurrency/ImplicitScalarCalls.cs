using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace SynVid.Tests.Concurrency;

/// <summary>
/// Finds, in an assembly's IL, the places where a TorchSharp Scalar is created and dropped within one native call:
/// a call of <c>Scalar.op_Implicit</c> whose result is not stored in a local (a <c>using</c> variable), or a call of
/// a TorchSharp member that creates such a temporary itself (for example <c>Tensor + Tensor</c>, whose alpha is an
/// implicit Scalar). Such a Scalar can be finalized by a collection on another thread while libtorch still reads it.
/// TorchSharp's members are classified from TorchSharp's own IL, closed over its internal calls, by full signature.
/// </summary>
internal static class ImplicitScalarCalls
{
    /// <summary>Every offending call in the methods of <paramref name="assembly"/> whose type's namespace starts with one of <paramref name="namespaces"/>.</summary>
    public static IReadOnlyList<string> Find(string assembly, string torchSharp, IReadOnlyCollection<string> namespaces)
    {
        var creating = ScalarCreatingMembers(torchSharp);
        using var stream = File.OpenRead(assembly);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var provider = new SignatureNames();
        var references = new Dictionary<int, string>();
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            if (member.GetKind() != MemberReferenceKind.Method || member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }
            references[MetadataTokens.GetToken(handle)] =
                provider.GetTypeFromReference(md, (TypeReferenceHandle)member.Parent, 0) + "::" + md.GetString(member.Name)
                + Signature(member.DecodeMethodSignature(provider, null));
        }
        var found = new List<string>();
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = provider.GetTypeFromDefinition(md, typeHandle, 0);
            if (!namespaces.Any(n => type.StartsWith(n + ".", StringComparison.Ordinal)))
            {
                continue;
            }
            foreach (var methodHandle in md.GetTypeDefinition(typeHandle).GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }
                foreach (var (offset, token, next) in Calls(pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes()!))
                {
                    if (!references.TryGetValue(token, out var callee))
                    {
                        continue;
                    }
                    var dropped = callee.StartsWith("TorchSharp.Scalar::op_Implicit(", StringComparison.Ordinal) && !IsStore(next);
                    if (dropped || creating.Contains(callee))
                    {
                        found.Add($"{type}::{md.GetString(method.Name)} IL_{offset:x4} {callee}");
                    }
                }
            }
        }
        return found;
    }

    /// <summary>TorchSharp members that create a Scalar they do not keep: direct callers of its conversions, closed transitively.</summary>
    private static HashSet<string> ScalarCreatingMembers(string torchSharp)
    {
        using var stream = File.OpenRead(torchSharp);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var provider = new SignatureNames();
        var names = new Dictionary<int, string>();
        var bodies = new Dictionary<int, byte[]>();
        foreach (var typeHandle in md.TypeDefinitions)
        {
            var type = provider.GetTypeFromDefinition(md, typeHandle, 0);
            foreach (var methodHandle in md.GetTypeDefinition(typeHandle).GetMethods())
            {
                var method = md.GetMethodDefinition(methodHandle);
                var token = MetadataTokens.GetToken(methodHandle);
                names[token] = type + "::" + md.GetString(method.Name) + Signature(method.DecodeSignature(provider, null));
                if (method.RelativeVirtualAddress != 0)
                {
                    bodies[token] = pe.GetMethodBody(method.RelativeVirtualAddress).GetILBytes()!;
                }
            }
        }
        var conversions = names.Where(n => n.Value.StartsWith("TorchSharp.Scalar::op_Implicit(", StringComparison.Ordinal)
                || n.Value.Contains("::ToScalar(", StringComparison.Ordinal))
            .Select(n => n.Key).ToHashSet();
        var creating = new HashSet<int>();
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (token, il) in bodies)
            {
                if (!conversions.Contains(token) && !creating.Contains(token)
                    && Calls(il).Any(c => conversions.Contains(c.Token) || creating.Contains(c.Token)))
                {
                    creating.Add(token);
                    grew = true;
                }
            }
        }
        return creating.Select(t => names[t]).ToHashSet();
    }

    private static string Signature(MethodSignature<string> signature) => "(" + string.Join(",", signature.ParameterTypes) + ")" + signature.ReturnType;

    /// <summary>Calls (call, callvirt, newobj) with their IL offset, metadata token and the next opcode, by walking the IL opcodes.</summary>
    private static IEnumerable<(int Offset, int Token, int Next)> Calls(byte[] il)
    {
        for (var i = 0; i < il.Length;)
        {
            var start = i;
            int code = il[i++];
            if (code == 0xFE)
            {
                code = 0xFE00 | il[i++];
            }
            var operand = OperandSize(code, il, i);
            if (code is 0x28 or 0x6F or 0x73)
            {
                var at = i + operand;
                var next = at >= il.Length ? 0 : il[at] == 0xFE && at + 1 < il.Length ? 0xFE00 | il[at + 1] : il[at];
                yield return (start, BitConverter.ToInt32(il, i), next);
            }
            i += operand;
        }
    }

    private static bool IsStore(int opcode) => opcode is >= 0x0A and <= 0x0D or 0x13 or 0xFE0E;

    /// <summary>Operand size of an opcode (ECMA-335 III), the switch table included.</summary>
    private static int OperandSize(int code, byte[] il, int at) => code switch
    {
        0x0E or 0x0F or 0x10 or 0x11 or 0x12 or 0x13 or 0x1F or 0xDE => 1, // *.s locals/args, ldc.i4.s, leave.s
        >= 0x2B and <= 0x37 => 1, // short branches
        0x20 or 0x22 => 4, // ldc.i4, ldc.r4
        0x21 or 0x23 => 8, // ldc.i8, ldc.r8
        0x45 => 4 + 4 * BitConverter.ToInt32(il, at), // switch
        >= 0x38 and <= 0x44 => 4, // long branches
        0x27 or 0x28 or 0x29 or 0x6F or 0x70 or 0x71 or 0x72 or 0x73 or 0x74 or 0x75 or 0x79 or 0x7B or 0x7C or 0x7D
            or 0x7E or 0x7F or 0x80 or 0x81 or 0x8C or 0x8D or 0x8F or 0xA3 or 0xA4 or 0xA5 or 0xC2 or 0xC6 or 0xD0
            or 0xDD => 4, // tokens, leave
        0xFE06 or 0xFE07 or 0xFE15 or 0xFE16 or 0xFE1C => 4, // ldftn, ldvirtftn, initobj, constrained., sizeof
        0xFE09 or 0xFE0A or 0xFE0B or 0xFE0C or 0xFE0D or 0xFE0E => 2, // arg/local with 16-bit index
        0xFE12 or 0xFE19 => 1, // unaligned., no.
        _ => 0,
    };

    /// <summary>Type names that are equal for the same type seen from the defining and from a referencing assembly.</summary>
    private sealed class SignatureNames : ISignatureTypeProvider<string, object?>
    {
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var type = reader.GetTypeDefinition(handle);
            var declaring = type.GetDeclaringType();
            return declaring.IsNil
                ? reader.GetString(type.Namespace) + "." + reader.GetString(type.Name)
                : GetTypeFromDefinition(reader, declaring, 0) + "/" + reader.GetString(type.Name);
        }
        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var type = reader.GetTypeReference(handle);
            return type.ResolutionScope.Kind == HandleKind.TypeReference
                ? GetTypeFromReference(reader, (TypeReferenceHandle)type.ResolutionScope, 0) + "/" + reader.GetString(type.Name)
                : reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
        }
        public string GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, context);
        public string GetSZArrayType(string elementType) => elementType + "[]";
        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string elementType) => elementType + "&";
        public string GetPointerType(string elementType) => elementType + "*";
        public string GetPinnedType(string elementType) => elementType;
        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(",", typeArguments) + ">";
        public string GetGenericMethodParameter(object? context, int index) => "!!" + index;
        public string GetGenericTypeParameter(object? context, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
        public string GetFunctionPointerType(MethodSignature<string> signature) => "fnptr";
    }
}
