using System.Runtime.InteropServices;
using System.Text;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// XML documentation for symbols, where it exists: comments in the cells themselves, the .xml file beside a
/// referenced assembly (the kit's Lectures.xml), and for the framework the reference pack's .xml files when
/// the .NET SDK is installed. Files are read once.
/// </summary>
internal sealed class DocumentationLookup
{
    private readonly Dictionary<string, XDocument?> files = new();

    /// <summary>Summary, parameters and returns as plain text, or null.</summary>
    public string? Describe(ISymbol symbol, Compilation compilation)
    {
        var xml = symbol.GetDocumentationCommentXml();
        XElement? member = null;
        if (!string.IsNullOrWhiteSpace(xml)) member = XElement.Parse(xml);
        else if (symbol.OriginalDefinition.GetDocumentationCommentId() is { } id)
            member = Candidates(symbol, compilation).Select(Load).OfType<XDocument>()
                .Select(doc => doc.Descendants("member").FirstOrDefault(m => (string?)m.Attribute("name") == id))
                .FirstOrDefault(m => m is not null);
        if (member is null) return null;
        var text = new StringBuilder();
        if (member.Element("summary") is { } summary) text.AppendLine(Plain(summary));
        foreach (var parameter in member.Elements("param"))
            text.AppendLine($"  {(string?)parameter.Attribute("name")}: {Plain(parameter)}");
        if (member.Element("returns") is { } returns) text.AppendLine($"Returns: {Plain(returns)}");
        return text.Length == 0 ? null : text.ToString().TrimEnd();
    }

    private static IEnumerable<string> Candidates(ISymbol symbol, Compilation compilation)
    {
        if (symbol.ContainingAssembly is { } assembly && compilation.GetMetadataReference(assembly) is PortableExecutableReference { FilePath: { } path })
            yield return Path.ChangeExtension(path, ".xml");
        if (ReferencePack() is not { } pack) yield break;
        // Framework types live in implementation assemblies; their docs are in the reference assemblies' files.
        if (symbol.ContainingAssembly is { } a) yield return Path.Combine(pack, a.Name + ".xml");
        if (symbol.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            var name = ns.ToDisplayString();
            for (; name.Contains('.'); name = name[..name.LastIndexOf('.')]) yield return Path.Combine(pack, name + ".xml");
        }
        yield return Path.Combine(pack, "System.Runtime.xml");
    }

    private XDocument? Load(string path)
    {
        if (files.TryGetValue(path, out var doc)) return doc;
        try { doc = File.Exists(path) ? XDocument.Load(path) : null; }
        catch (System.Xml.XmlException) { doc = null; }
        return files[path] = doc;
    }

    /// <summary>The SDK's Microsoft.NETCore.App.Ref folder for this runtime's version, if the SDK is there.</summary>
    private static string? ReferencePack()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory(); // <dotnet>/shared/Microsoft.NETCore.App/<version>/
        var root = Path.GetFullPath(Path.Combine(runtime, "..", "..", ".."));
        var packs = Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) return null;
        var major = Environment.Version.Major;
        return Directory.GetDirectories(packs, $"{major}.*").Order().Select(v => Path.Combine(v, "ref", $"net{major}.0")).LastOrDefault(Directory.Exists);
    }

    /// <summary>"M:Lectures.Kit.Seed(System.Int32)" as "Seed".</summary>
    private static string ShortName(string cref)
    {
        var name = cref.Split('(')[0];
        return name[(name.LastIndexOfAny([':', '.']) + 1)..];
    }

    private static string Plain(XElement element)
    {
        var text = new StringBuilder();
        foreach (var node in element.Nodes())
            text.Append(node switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "see" or "seealso" } e => e.Attribute("cref") is { } cref ? ShortName(cref.Value) : (string?)e.Attribute("langword") ?? e.Value,
                XElement { Name.LocalName: "paramref" or "typeparamref" } e => (string?)e.Attribute("name") ?? "",
                // Lists and tables: their cells become words apart.
                XElement e => $" {Plain(e)} ",
                _ => "",
            });
        return string.Join(' ', text.ToString().Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
    }
}
