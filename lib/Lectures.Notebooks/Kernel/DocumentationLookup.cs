using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// The XML documentation Roslyn's Quick Info shows for a referenced assembly's symbols, found where it exists: the
/// .xml file beside the assembly (the kit's Lectures.xml), and for the framework the .NET SDK's reference pack,
/// whose files are named after the reference assemblies (System.Runtime.xml documents System.Math although the
/// type lives in System.Private.CoreLib), so they are looked up by the symbol's namespace too. Files are read once
/// per process.
/// </summary>
internal sealed class DocumentationLookup(string assemblyPath) : DocumentationProvider
{
    private string AssemblyPath => assemblyPath;

    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>?> Files = new();
    private static readonly Lazy<string?> Pack = new(ReferencePack);

    /// <summary>A metadata reference to <paramref name="path"/> that carries its documentation.</summary>
    public static MetadataReference Reference(PortableExecutableReference reference) =>
        reference.FilePath is { } path ? MetadataReference.CreateFromFile(path, reference.Properties, new DocumentationLookup(path)) : reference;

    protected override string? GetDocumentationForSymbol(string documentationMemberID, CultureInfo preferredCulture, CancellationToken cancellationToken = default) =>
        Candidates(documentationMemberID).Select(Load).Select(members => members?.GetValueOrDefault(documentationMemberID)).FirstOrDefault(m => m is not null);

    private IEnumerable<string> Candidates(string id)
    {
        yield return Path.ChangeExtension(assemblyPath, ".xml");
        if (Pack.Value is not { } pack) yield break;
        yield return Path.Combine(pack, Path.GetFileNameWithoutExtension(assemblyPath) + ".xml");
        // "M:System.Collections.Generic.List`1.Add(`0)": System.Collections.Generic.xml, then System.Collections.xml, ...
        var name = id[(id.IndexOf(':') + 1)..].Split('(')[0];
        for (var dot = name.LastIndexOf('.'); dot > 0; dot = name.LastIndexOf('.'))
        {
            name = name[..dot];
            yield return Path.Combine(pack, name + ".xml");
        }
        yield return Path.Combine(pack, "System.Runtime.xml");
    }

    /// <summary>A documentation file's members by id, each as its &lt;member&gt; element (what Roslyn reads), or null.</summary>
    private static IReadOnlyDictionary<string, string>? Load(string path) => Files.GetOrAdd(path, p =>
    {
        if (!File.Exists(p)) return null;
        try
        {
            return XDocument.Load(p).Descendants("member")
                .Where(m => m.Attribute("name") is not null)
                .GroupBy(m => (string)m.Attribute("name")!)
                .ToDictionary(g => g.Key, g => g.First().ToString());
        }
        catch (System.Xml.XmlException) { return null; }
    });

    /// <summary>The SDK's Microsoft.NETCore.App.Ref folder for this runtime's version, if the SDK is there.</summary>
    private static string? ReferencePack()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory(); // <dotnet>/shared/Microsoft.NETCore.App/<version>/
        var packs = Path.Combine(Path.GetFullPath(Path.Combine(runtime, "..", "..", "..")), "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) return null;
        var major = Environment.Version.Major;
        return Directory.GetDirectories(packs, $"{major}.*").Order().Select(v => Path.Combine(v, "ref", $"net{major}.0")).LastOrDefault(Directory.Exists);
    }

    public override bool Equals(object? obj) => obj is DocumentationLookup other && other.AssemblyPath == assemblyPath;

    public override int GetHashCode() => assemblyPath.GetHashCode(StringComparison.Ordinal);
}
