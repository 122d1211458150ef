using System.Text.RegularExpressions;

namespace Lectures.Notebooks.Execution;

/// <summary>
/// The parts of a cell that are not C#: magic commands on the first lines (<c>#!csharp</c>, <c>#!markdown</c>,
/// <c>#!time</c>) and NuGet directives (<c>#r "nuget: Name, Version"</c>, <c>#i "nuget: source"</c>).
/// <c>#r "file.dll"</c> and <c>#load "file.csx"</c> are C# script directives and stay in the code.
/// </summary>
/// <param name="Code">The C# left to compile; removed lines become blank so line numbers still match the cell.</param>
/// <param name="IsMarkdown">The cell is <c>#!markdown</c>: nothing to run.</param>
/// <param name="Time">The cell asked for <c>#!time</c>.</param>
/// <param name="Packages">Packages to restore, as (name, version or null for the latest).</param>
/// <param name="ProvidedPackages">Packages the cell asked for that the engine provides itself (<see cref="Provided"/>).</param>
/// <param name="Sources">Extra package sources.</param>
/// <param name="UnknownMagic">The first magic this engine does not know, if any.</param>
public sealed partial record CellDirectives(string Code, bool IsMarkdown, bool Time,
    IReadOnlyList<(string Name, string? Version)> Packages, IReadOnlyList<string> ProvidedPackages, IReadOnlyList<string> Sources, string? UnknownMagic)
{
    /// <summary>
    /// Packages the engine provides itself: .NET Interactive's own assemblies, and Plotly.NET.Interactive, whose chart
    /// formatter the engine stands in for with an offline one (its own would load plotly.js from a CDN).
    /// </summary>
    public static readonly IReadOnlySet<string> Provided = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Plotly.NET.Interactive", "Microsoft.DotNet.Interactive", "Microsoft.DotNet.Interactive.CSharp",
    };

    /// <summary>Splits a cell's text into its directives and its C# code.</summary>
    public static CellDirectives Parse(string cell)
    {
        var lines = cell.Replace("\r\n", "\n").Split('\n');
        bool markdown = false, time = false, atTop = true;
        string? unknown = null;
        var packages = new List<(string, string?)>();
        var provided = new List<string>();
        var sources = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (atTop && line.StartsWith("#!"))
            {
                var magic = line.Split(' ', 2)[0];
                switch (magic.ToLowerInvariant())
                {
                    case "#!csharp" or "#!c#": break;
                    case "#!markdown": markdown = true; break;
                    case "#!time": time = true; break;
                    default: unknown ??= magic; break;
                }
                lines[i] = "";
                continue;
            }
            if (line.Length > 0 && !line.StartsWith("//")) atTop = false;
            var nuget = NuGetDirective().Match(line);
            if (!nuget.Success) continue;
            var value = nuget.Groups["value"].Value.Trim();
            if (nuget.Groups["kind"].Value == "i") sources.Add(value);
            else
            {
                var parts = value.Split(',', 2, StringSplitOptions.TrimEntries);
                if (Provided.Contains(parts[0])) provided.Add(parts[0]);
                else packages.Add((parts[0], parts.Length > 1 && parts[1].Length > 0 ? parts[1] : null));
            }
            lines[i] = "";
        }
        return new CellDirectives(string.Join('\n', lines), markdown, time, packages, provided, sources, unknown);
    }

    [GeneratedRegex("""^#(?<kind>[ri])\s+"nuget:\s*(?<value>[^"]+)"\s*$""")]
    private static partial Regex NuGetDirective();
}
