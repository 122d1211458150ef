using System.Globalization;
using System.Security;
using System.Text;
using System.Xml.Linq;
using Lectures.Tests.Support;

namespace Lectures.Tests.Figures;

/// <summary>
/// One headless Chromium screenshot of a page that shows every figure as an &lt;img&gt; (as a notebook's markdown
/// does) at its own size, one below the other on a dark page like a dark notebook theme; taken once, on first use.
/// </summary>
public sealed class FigureRendering : IDisposable
{
    private const int Margin = 20;

    private readonly Lazy<(PngImage Screenshot, Dictionary<string, (int Y, int Width, int Height)> Places)> shot;
    private string? folder;

    /// <summary>Prepares the screenshot; nothing runs until a test asks for a region.</summary>
    public FigureRendering() => shot = new(Take);

    /// <summary>The SVG file names in notebooks/figures, in order.</summary>
    public static IReadOnlyList<string> Files { get; } =
        Directory.GetFiles(Repo.Path("notebooks", "figures"), "*.svg").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The screenshot and where in it <paramref name="name"/> was drawn.</summary>
    public (PngImage Screenshot, int X, int Y, int Width, int Height) Region(string name)
    {
        var (screenshot, places) = shot.Value;
        var (y, width, height) = places[name];
        return (screenshot, Margin, y, width, height);
    }

    /// <summary>Removes the page, the browser profile and the screenshot.</summary>
    public void Dispose()
    {
        if (folder is not null && Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private (PngImage, Dictionary<string, (int, int, int)>) Take()
    {
        folder = Directory.CreateTempSubdirectory("figures-").FullName;
        var places = new Dictionary<string, (int, int, int)>();
        var page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><style>html, body { margin: 0; background: #1e1e1e; } " +
                                     "img { position: absolute; left: " + Margin + "px; display: block; }</style></head><body>\n");
        var top = Margin;
        foreach (var name in Files)
        {
            var path = Repo.Path("notebooks", "figures", name);
            var root = XDocument.Load(path).Root!;
            var (width, height) = ((int)double.Parse((string)root.Attribute("width")!, CultureInfo.InvariantCulture),
                                   (int)double.Parse((string)root.Attribute("height")!, CultureInfo.InvariantCulture));
            page.Append($"<img src=\"{SecurityElement.Escape(new Uri(path).AbsoluteUri)}\" alt=\"{name}\" width=\"{width}\" height=\"{height}\" style=\"top: {top}px\">\n");
            places[name] = (top, width, height);
            top += height + Margin;
        }
        page.Append("</body></html>\n");
        var html = Path.Combine(folder, "figures.html");
        File.WriteAllText(html, page.ToString());
        var png = Path.Combine(folder, "figures.png");
        var pageWidth = places.Values.Max(p => p.Item2) + 2 * Margin;
        var run = Processes.Run(ExternalTool.ChromiumProgram, ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", $"--user-data-dir={Path.Combine(folder, "profile")}",
            "--hide-scrollbars", "--force-device-scale-factor=1", $"--window-size={pageWidth},{top}", $"--screenshot={png}",
            new Uri(html).AbsoluteUri], timeout: TimeSpan.FromMinutes(2));
        if (!File.Exists(png)) throw new InvalidOperationException($"Chromium wrote no screenshot (exit code {run.ExitCode}):\n{run.Output}");
        var screenshot = PngImage.Load(png);
        if (screenshot.Width < pageWidth || screenshot.Height < top)
            throw new InvalidOperationException($"the screenshot is {screenshot.Width} × {screenshot.Height}, the page {pageWidth} × {top}");
        return (screenshot, places);
    }
}
