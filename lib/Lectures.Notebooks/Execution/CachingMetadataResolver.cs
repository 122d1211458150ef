using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// Roslyn scripting's resolver with a memory: the scripting resolver reads an assembly's metadata anew (into
/// native memory) every time a submission's compilation asks for a framework assembly it does not reference
/// directly, so each cell cost megabytes that were never given back (dotnet/roslyn#33304). Resolving each
/// assembly once keeps a long session's memory flat.
/// </summary>
internal sealed class CachingMetadataResolver(MetadataReferenceResolver inner) : MetadataReferenceResolver
{
    private readonly MetadataReferenceResolver inner = inner;
    private readonly ConcurrentDictionary<AssemblyIdentity, PortableExecutableReference?> missing = new();
    private readonly ConcurrentDictionary<(string Reference, string? BaseFilePath, MetadataReferenceProperties Properties), ImmutableArray<PortableExecutableReference>> resolved = new();

    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        missing.GetOrAdd(referenceIdentity, identity => inner.ResolveMissingAssembly(definition, identity));

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        resolved.GetOrAdd((reference, baseFilePath, properties), key => inner.ResolveReference(key.Reference, key.BaseFilePath, key.Properties));

    public override bool Equals(object? other) => other is CachingMetadataResolver c && c.inner.Equals(inner);

    public override int GetHashCode() => inner.GetHashCode();
}
