using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace UsageAlerts.Tests.Architecture;

/// <summary>
/// Which feature folders use which, read from the compiled assembly (signatures, locals and every type, method and
/// field the IL names), so a dependency counts whether it is spelled with a using or fully qualified. A feature is
/// the namespace segment after the root (<c>UsageAlerts.Alerts.Evaluation</c> is Alerts); root types (the wiring,
/// <c>JobOutcome</c>) belong to no feature.
/// </summary>
internal static class FeatureGraph
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes).GetFields()
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Read(string assemblyPath, string rootNamespace)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var md = pe.GetMetadataReader();
        var provider = new FeatureProvider(md, rootNamespace);
        var edges = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var handle in md.TypeDefinitions)
        {
            if (provider.FeatureOf(handle) is not { } feature)
            {
                continue;
            }

            if (!edges.TryGetValue(feature, out var used))
            {
                edges[feature] = used = new SortedSet<string>(StringComparer.Ordinal);
            }

            foreach (var target in Uses(md, pe, provider, md.GetTypeDefinition(handle)))
            {
                if (target != feature)
                {
                    used.Add(target);
                }
            }
        }

        return edges.ToDictionary(e => e.Key, e => (IReadOnlySet<string>)e.Value, StringComparer.Ordinal);
    }

    /// <summary>Every set of features that reach each other (strongly connected, more than one), each sorted.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Cycles(IReadOnlyDictionary<string, IReadOnlySet<string>> edges)
    {
        var nodes = edges.Keys.Union(edges.Values.SelectMany(v => v)).Order(StringComparer.Ordinal).ToList();
        var reach = nodes.ToDictionary(n => n, n => Reachable(edges, n), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var node in nodes.Where(n => !seen.Contains(n)))
        {
            var component = nodes.Where(other => other == node || (reach[node].Contains(other) && reach[other].Contains(node))).ToList();
            seen.UnionWith(component);
            if (component.Count > 1)
            {
                cycles.Add(component);
            }
        }

        return cycles;
    }

    private static HashSet<string> Reachable(IReadOnlyDictionary<string, IReadOnlySet<string>> edges, string from)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var node))
        {
            foreach (var next in edges.GetValueOrDefault(node) ?? new HashSet<string>())
            {
                if (reached.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        return reached;
    }

    private static List<string> Uses(MetadataReader md, PEReader pe, FeatureProvider provider, TypeDefinition type)
    {
        var found = new List<string>();
        if (!type.BaseType.IsNil)
        {
            found.AddRange(provider.Of(type.BaseType));
        }

        foreach (var implementation in type.GetInterfaceImplementations())
        {
            found.AddRange(provider.Of(md.GetInterfaceImplementation(implementation).Interface));
        }

        foreach (var field in type.GetFields())
        {
            found.AddRange(md.GetFieldDefinition(field).DecodeSignature(provider, null));
        }

        foreach (var methodHandle in type.GetMethods())
        {
            var method = md.GetMethodDefinition(methodHandle);
            var signature = method.DecodeSignature(provider, null);
            found.AddRange(signature.ReturnType);
            found.AddRange(signature.ParameterTypes.SelectMany(p => p));
            if (method.RelativeVirtualAddress == 0)
            {
                continue;
            }

            var body = pe.GetMethodBody(method.RelativeVirtualAddress);
            if (!body.LocalSignature.IsNil)
            {
                found.AddRange(md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(provider, null).SelectMany(l => l));
            }

            found.AddRange(Tokens(body.GetILReader()).SelectMany(token => provider.Of(token)));
        }

        return found;
    }

    /// <summary>The metadata tokens the IL names (types, methods, fields), decoded opcode by opcode.</summary>
    private static List<EntityHandle> Tokens(BlobReader il)
    {
        var tokens = new List<EntityHandle>();
        while (il.RemainingBytes > 0)
        {
            short code = il.ReadByte();
            if (code == 0xFE)
            {
                code = unchecked((short)(0xFE00 | il.ReadByte()));
            }

            switch (Operands[code])
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                    break;
                case OperandType.InlineSwitch:
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }

        return tokens;
    }

    /// <summary>Decodes signatures into the features of the assembly's own types they mention.</summary>
    private sealed class FeatureProvider(MetadataReader md, string rootNamespace) : ISignatureTypeProvider<ImmutableArray<string>, object?>
    {
        public string? FeatureOf(TypeDefinitionHandle handle)
        {
            var type = md.GetTypeDefinition(handle);
            while (type.IsNested)
            {
                type = md.GetTypeDefinition(type.GetDeclaringType());
            }

            var ns = md.GetString(type.Namespace);
            return ns.StartsWith(rootNamespace + ".", StringComparison.Ordinal) ? ns[(rootNamespace.Length + 1)..].Split('.')[0] : null;
        }

        public ImmutableArray<string> Of(EntityHandle handle) => handle.Kind switch
        {
            HandleKind.TypeDefinition => GetTypeFromDefinition(md, (TypeDefinitionHandle)handle, 0),
            HandleKind.TypeSpecification => md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(this, null),
            HandleKind.FieldDefinition => Of(md.GetFieldDefinition((FieldDefinitionHandle)handle).GetDeclaringType()),
            HandleKind.MethodDefinition => Of(md.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()),
            HandleKind.MemberReference => MemberReference(md.GetMemberReference((MemberReferenceHandle)handle)),
            HandleKind.MethodSpecification => MethodSpecification(md.GetMethodSpecification((MethodSpecificationHandle)handle)),
            _ => [],
        };

        public ImmutableArray<string> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            FeatureOf(handle) is { } feature ? [feature] : [];

        public ImmutableArray<string> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => [];

        public ImmutableArray<string> GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public ImmutableArray<string> GetGenericInstantiation(ImmutableArray<string> genericType, ImmutableArray<ImmutableArray<string>> typeArguments) =>
            genericType.AddRange(typeArguments.SelectMany(a => a));

        public ImmutableArray<string> GetArrayType(ImmutableArray<string> elementType, ArrayShape shape) => elementType;

        public ImmutableArray<string> GetSZArrayType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetByReferenceType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetPointerType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetPinnedType(ImmutableArray<string> elementType) => elementType;

        public ImmutableArray<string> GetModifiedType(ImmutableArray<string> modifier, ImmutableArray<string> unmodifiedType, bool isRequired) => unmodifiedType;

        public ImmutableArray<string> GetFunctionPointerType(MethodSignature<ImmutableArray<string>> signature) =>
            signature.ReturnType.AddRange(signature.ParameterTypes.SelectMany(p => p));

        public ImmutableArray<string> GetGenericMethodParameter(object? genericContext, int index) => [];

        public ImmutableArray<string> GetGenericTypeParameter(object? genericContext, int index) => [];

        public ImmutableArray<string> GetPrimitiveType(PrimitiveTypeCode typeCode) => [];

        private ImmutableArray<string> MemberReference(MemberReference member)
        {
            var parent = member.Parent.Kind is HandleKind.TypeDefinition or HandleKind.TypeSpecification or HandleKind.MethodDefinition ? Of(member.Parent) : [];
            if (member.GetKind() == MemberReferenceKind.Field)
            {
                return parent.AddRange(member.DecodeFieldSignature(this, null));
            }

            var signature = member.DecodeMethodSignature(this, null);
            return parent.AddRange(signature.ReturnType).AddRange(signature.ParameterTypes.SelectMany(p => p));
        }

        private ImmutableArray<string> MethodSpecification(MethodSpecification method) =>
            Of(method.Method).AddRange(method.DecodeSignature(this, null).SelectMany(a => a));
    }
}
