using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Lectures.Figures;
using Lectures.Notebooks.Nbformat;
using Lectures.Tests.Support;

namespace Lectures.Tests.Figures;

/// <summary>
/// The figures in notebooks/figures: every image a notebook links to exists, every SVG is plain, self-contained SVG
/// 1.1 that the source in notebooks/figures/src draws byte for byte, each is linked from a notebook with its title as
/// alt text, and a browser draws each one.
/// </summary>
[Trait("Category", "Figures")]
public partial class FigureTests(FigureRendering rendering) : IClassFixture<FigureRendering>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static string Folder => Repo.Path("notebooks", "figures");

    /// <summary>The SVG files in notebooks/figures.</summary>
    public static TheoryData<string> Files => new(FigureRendering.Files);

    [Fact]
    public void Every_image_a_notebook_links_to_is_a_local_file_that_exists()
    {
        var links = NotebookImageLinks().ToList();
        Assert.All(links, link =>
        {
            Assert.False(link.Target.Contains("://", StringComparison.Ordinal) || link.Target.StartsWith("//", StringComparison.Ordinal),
                $"{link.Notebook} links to the remote image {link.Target}: the notebooks must show their figures offline");
            Assert.True(File.Exists(link.Resolved), $"{link.Notebook} links to {link.Target}, but {link.Resolved} does not exist");
            Assert.False(string.IsNullOrWhiteSpace(link.Alt), $"{link.Notebook} links to {link.Target} without alt text");
        });
    }

    [Theory, MemberData(nameof(Files))]
    public void Is_well_formed_svg_1_1_with_a_viewbox_an_opaque_card_text_and_nothing_external(string name)
    {
        var document = Load(name);
        var root = document.Root!;
        Assert.Equal(Svg + "svg", root.Name);
        Assert.Equal("1.1", (string?)root.Attribute("version"));
        var viewBox = ((string?)root.Attribute("viewBox") ?? throw new Xunit.Sdk.XunitException($"{name} has no viewBox"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(4, viewBox.Length);
        Assert.Equal([0, 0], viewBox[..2]);
        Assert.Equal(viewBox[2], double.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture));
        Assert.Equal(viewBox[3], double.Parse((string)root.Attribute("height")!, CultureInfo.InvariantCulture));
        Assert.InRange(viewBox[2], 600, 900);

        var elements = root.DescendantsAndSelf().ToList();
        string[] forbidden = ["script", "image", "foreignObject", "use", "a", "iframe", "audio", "video", "font-face"];
        Assert.All(elements, e => Assert.True(e.Name.Namespace == Svg && !forbidden.Contains(e.Name.LocalName),
            $"{name} has a <{e.Name.LocalName}> element: figures are drawn from shapes and text only"));
        Assert.All(elements.SelectMany(e => e.Attributes()).Where(a => !a.IsNamespaceDeclaration), a =>
        {
            Assert.False(a.Name.LocalName.StartsWith("on", StringComparison.Ordinal), $"{name} has the event handler {a.Name}");
            Assert.False(a.Name.LocalName == "href" && !a.Value.StartsWith('#'), $"{name} refers to {a.Value}");
            Assert.DoesNotContain("://", a.Value);
        });
        var style = Assert.Single(elements, e => e.Name.LocalName == "style").Value;
        Assert.DoesNotContain("@import", style);
        Assert.DoesNotContain("@font-face", style);
        Assert.DoesNotMatch(@"url\((?!#)", style);
        Assert.DoesNotContain("://", string.Concat(elements.SelectMany(e => e.Nodes().OfType<XText>()).Select(t => t.Value)));

        var title = root.Element(Svg + "title")?.Value;
        Assert.False(string.IsNullOrWhiteSpace(title), $"{name} has no <title>");
        Assert.True(title!.IndexOfAny(['[', ']', '_', '*', '$', '`', '\\', '<']) < 0, $"{name}: its title is the alt text of its links, so it has no markdown: {title}");
        Assert.Contains(elements, e => e.Name.LocalName == "text");
        // The card: an opaque white rectangle under everything, so the figure reads the same on a dark theme.
        var card = root.Elements(Svg + "rect").First();
        Assert.Equal("card", (string?)card.Attribute("class"));
        Assert.Equal(viewBox[2], double.Parse((string)card.Attribute("width")!, CultureInfo.InvariantCulture));
        Assert.Equal(viewBox[3], double.Parse((string)card.Attribute("height")!, CultureInfo.InvariantCulture));
        Assert.Matches(@"\.card \{ fill: #ffffff; \}", style);
    }

    [Fact]
    public void All_figures_share_one_style_sheet()
    {
        var sheets = FigureRendering.Files.Select(f => Load(f).Root!.Element(Svg + "style")?.Value.Trim() ?? $"{f} has no style sheet").Distinct().ToList();
        Assert.Equal([Lectures.Figures.Drawing.Style.Sheet], sheets);
    }

    [Fact]
    public void Every_figure_is_linked_from_a_notebook_with_its_title_as_alt_text()
    {
        var links = NotebookImageLinks().Where(l => Path.GetDirectoryName(l.Resolved) == Folder).ToList();
        Assert.All(FigureRendering.Files, name => Assert.True(links.Any(l => Path.GetFileName(l.Resolved) == name),
            $"{name} is linked from no notebook"));
        Assert.All(links, l => Assert.Equal(Title(Path.GetFileName(l.Resolved)), l.Alt));
    }

    private static string Title(string name) => Load(name).Root!.Element(Svg + "title")!.Value;

    [Fact]
    public void The_source_in_notebooks_figures_src_draws_every_file_byte_for_byte()
    {
        var drawn = Catalog.Draw();
        Assert.Equal(drawn.Select(f => f.FileName).Order(StringComparer.Ordinal), FigureRendering.Files.Order(StringComparer.Ordinal));
        var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        Assert.All(drawn, f => Assert.True(File.ReadAllBytes(Path.Combine(Folder, f.FileName)).AsSpan().SequenceEqual(encoding.GetBytes(f.Svg)),
            $"{f.FileName} differs from what notebooks/figures/src draws: run `dotnet run --project notebooks/figures/src`"));
    }

    [SkippableTheory, MemberData(nameof(Files))]
    public void Chromium_draws_it_on_its_white_card_with_ink_and_colour(string name)
    {
        ExternalTool.Chromium.Require();
        var (screenshot, x0, y0, width, height) = rendering.Region(name);
        var (light, ink, colour) = (0, 0, 0);
        for (var y = y0; y < y0 + height; y++)
            for (var x = x0; x < x0 + width; x++)
            {
                var (r, g, b) = screenshot[x, y];
                var (low, high) = (Math.Min(r, Math.Min(g, b)), Math.Max(r, Math.Max(g, b)));
                if (low >= 200) light++;
                if (0.299 * r + 0.587 * g + 0.114 * b < 100) ink++;
                if (high - low >= 60) colour++;
            }
        double area = width * height;
        // A figure that failed to load leaves the dark page (or a broken-image icon); an empty one has no ink.
        Assert.True(light / area > 0.5, $"{name}: only {light / area:P1} of its area is light; the card did not draw");
        Assert.True(ink / area > 0.003, $"{name}: only {ink / area:P2} of its area is ink; no text or lines drew");
        Assert.True(colour / area > 0.002, $"{name}: only {colour / area:P2} of its area is coloured");
    }

    private static XDocument Load(string name)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(Path.Combine(Folder, name), settings);
        return XDocument.Load(reader);
    }

    private sealed record ImageLink(string Notebook, string Alt, string Target, string Resolved);

    /// <summary>Every markdown image and HTML img in the markdown cells of every notebook under notebooks/.</summary>
    private static IEnumerable<ImageLink> NotebookImageLinks()
    {
        var notebooks = Repo.Path("notebooks");
        foreach (var path in Directory.EnumerateFiles(notebooks, "*.ipynb", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (path.Contains(".ipynb_checkpoints", StringComparison.Ordinal)) continue;
            var relative = Path.GetRelativePath(notebooks, path);
            foreach (var cell in Notebook.Load(path).Cells.Where(c => c.CellType == "markdown"))
            {
                foreach (Match m in MarkdownImage().Matches(cell.Source))
                    yield return Link(relative, path, m.Groups["alt"].Value, m.Groups["target"].Value);
                foreach (Match m in HtmlImage().Matches(cell.Source))
                    yield return Link(relative, path, m.Groups["alt"].Success ? m.Groups["alt"].Value : "", m.Groups["target"].Value);
            }
        }
    }

    private static ImageLink Link(string notebook, string path, string alt, string target) =>
        new(notebook, alt, target, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, Uri.UnescapeDataString(target))));

    [GeneratedRegex(@"!\[(?<alt>[^\]]*)\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownImage();

    [GeneratedRegex(@"<img\b(?=[^>]*\bsrc=""(?<target>[^""]+)"")(?:(?=[^>]*\balt=""(?<alt>[^""]*)""))?[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlImage();
}
