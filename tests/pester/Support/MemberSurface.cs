using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

// Packaging.Tests.ps1: what one build of a library defines and what another assembly uses from it, as text
// ('Namespace.Type/Nested::Member`arity(parameter types) : type', type names rather than tokens), so two builds of
// one library can be compared member by member, custom modifiers (init accessors) included.
public static class MemberSurface
{
    public static HashSet<string> Defined(string path)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var provider = new SignatureText();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in md.TypeDefinitions)
        {
            string type = SignatureText.TypeName(md, handle);
            var definition = md.GetTypeDefinition(handle);
            keys.Add(type);
            foreach (var m in definition.GetMethods())
            {
                var method = md.GetMethodDefinition(m);
                keys.Add(type + "::" + md.GetString(method.Name) + Method(method.DecodeSignature(provider, null)));
            }
            foreach (var f in definition.GetFields())
            {
                var field = md.GetFieldDefinition(f);
                keys.Add(type + "::" + md.GetString(field.Name) + " : " + field.DecodeSignature(provider, null));
            }
        }
        foreach (var handle in md.ExportedTypes)
        {
            var exported = md.GetExportedType(handle);
            keys.Add(md.GetString(exported.Namespace) + "." + md.GetString(exported.Name));
        }
        return keys;
    }

    /// <summary>The types and members <paramref name="path"/> references from the assemblies named in <paramref name="from"/>.</summary>
    public static List<KeyValuePair<string, string>> Used(string path, string[] from)
    {
        using var pe = new PEReader(File.OpenRead(path));
        var md = pe.GetMetadataReader();
        var provider = new SignatureText();
        var names = new HashSet<string>(from, StringComparer.OrdinalIgnoreCase);
        var used = new List<KeyValuePair<string, string>>();
        string AssemblyOf(TypeReferenceHandle handle)
        {
            var scope = md.GetTypeReference(handle).ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference) scope = md.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
            if (scope.Kind != HandleKind.AssemblyReference) return null;
            string name = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)scope).Name);
            return names.Contains(name) ? name : null;
        }
        foreach (var handle in md.TypeReferences)
            if (AssemblyOf(handle) is { } assembly) used.Add(new KeyValuePair<string, string>(assembly, SignatureText.TypeName(md, handle)));
        foreach (var handle in md.MemberReferences)
        {
            var member = md.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference || AssemblyOf((TypeReferenceHandle)member.Parent) is not { } assembly) continue;
            string type = SignatureText.TypeName(md, (TypeReferenceHandle)member.Parent);
            string shape = member.GetKind() == MemberReferenceKind.Field
                ? " : " + member.DecodeFieldSignature(provider, null)
                : Method(member.DecodeMethodSignature(provider, null));
            used.Add(new KeyValuePair<string, string>(assembly, type + "::" + md.GetString(member.Name) + shape));
        }
        return used;
    }

    static string Method(MethodSignature<string> s) =>
        "`" + s.GenericParameterCount + "(" + string.Join(", ", s.ParameterTypes) + ") : " + s.ReturnType;

    sealed class SignatureText : ISignatureTypeProvider<string, object>
    {
        public static string TypeName(MetadataReader md, TypeDefinitionHandle handle)
        {
            var t = md.GetTypeDefinition(handle);
            var outer = t.GetDeclaringType();
            return outer.IsNil ? md.GetString(t.Namespace) + "." + md.GetString(t.Name) : TypeName(md, outer) + "/" + md.GetString(t.Name);
        }

        public static string TypeName(MetadataReader md, TypeReferenceHandle handle)
        {
            var t = md.GetTypeReference(handle);
            return t.ResolutionScope.Kind == HandleKind.TypeReference
                ? TypeName(md, (TypeReferenceHandle)t.ResolutionScope) + "/" + md.GetString(t.Name)
                : md.GetString(t.Namespace) + "." + md.GetString(t.Name);
        }

        public string GetArrayType(string element, ArrayShape shape) => element + "[" + new string(',', shape.Rank - 1) + "]";
        public string GetByReferenceType(string element) => element + "&";
        public string GetFunctionPointerType(MethodSignature<string> s) => "method " + Method(s);
        public string GetGenericInstantiation(string generic, ImmutableArray<string> arguments) => generic + "<" + string.Join(", ", arguments) + ">";
        public string GetGenericMethodParameter(object context, int index) => "!!" + index;
        public string GetGenericTypeParameter(object context, int index) => "!" + index;
        public string GetModifiedType(string modifier, string unmodified, bool isRequired) => unmodified + (isRequired ? " modreq(" : " modopt(") + modifier + ")";
        public string GetPinnedType(string element) => element + " pinned";
        public string GetPointerType(string element) => element + "*";
        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode.ToString();
        public string GetSZArrayType(string element) => element + "[]";
        public string GetTypeFromDefinition(MetadataReader md, TypeDefinitionHandle handle, byte rawTypeKind) => TypeName(md, handle);
        public string GetTypeFromReference(MetadataReader md, TypeReferenceHandle handle, byte rawTypeKind) => TypeName(md, handle);
        public string GetTypeFromSpecification(MetadataReader md, object context, TypeSpecificationHandle handle, byte rawTypeKind) =>
            md.GetTypeSpecification(handle).DecodeSignature(this, context);
    }
}
