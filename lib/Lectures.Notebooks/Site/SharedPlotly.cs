using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Site;

/// <summary>
/// One plotly.js for the whole site. An executed notebook carries plotly.js in its first chart's output, so it works
/// offline on its own; a page of the site instead refers to the site's copy, written once to <c>assets/</c>. The
/// embedded copy is recognised by what it is, a script whose text starts with plotly.min.js's banner, not by how the
/// engine happened to wrap it, so charts rendered by any code that inlines plotly.min.js share it too. A second,
/// different plotly.js (another version) gets a file of its own.
/// </summary>
internal sealed partial class SharedPlotly(string site)
{
    private readonly Dictionary<string, string> files = new(StringComparer.Ordinal);

    /// <summary>The files written, relative to the site.</summary>
    public IReadOnlyCollection<string> Files => files.Values;

    /// <summary><paramref name="html"/> with every embedded plotly.js replaced by a script tag that loads the site's copy.</summary>
    public string Share(string html) => Embedded().Replace(html, match =>
    {
        var script = match.Groups["script"].Value;
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(script)));
        if (!files.TryGetValue(key, out var file))
        {
            file = files.Count == 0 ? "assets/plotly.min.js" : $"assets/plotly-{files.Count + 1}.min.js";
            AtomicFile.WriteAllText(Path.Combine(site, file), script);
            files[key] = file;
        }
        return $"<script src=\"{file}\"></script>";
    });

    // The banner plotly.min.js starts with ("/**\n* plotly.js v2.28.0\n* Copyright ..."); an inlined copy's own
    // "</script" is escaped as "<\/script", so the first "</script>" after it closes it.
    [GeneratedRegex(@"<script\b[^>]*>(?<script>/\*\*\r?\n\* plotly\.js v.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex Embedded();
}
