using Lectures.Charts;
using Lectures.Hosting;
using TorchSharp;
using Microsoft.DotNet.Interactive.Formatting;

namespace Lectures.Tests.Hosting;

/// <summary>
/// What the library sets up for every notebook host when it is first used (Lectures.Hosting.LibraryStartup): the
/// formatters for charts and tensors that .NET Interactive and the kit's engine both use, and how it recognises
/// .NET Interactive's Jupyter host. Loading natives and FSharp.Core in .NET Interactive is shown where it matters, by
/// the differential test that runs every notebook there (Category=Interactive).
/// </summary>
[Trait("Category", "Toolkit")]
public sealed class NotebookHostingTests
{
    [Fact]
    public void A_tensor_shows_its_shape_dtype_and_values_as_plain_text()
    {
        Kit.Seed(1); // touches the library, so its module initializer has run
        using var tensor = torch.tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        Assert.Equal(["text/plain"], Formatter.GetPreferredMimeTypesFor(tensor.GetType()));
        Assert.Equal("[2x2], type = Float32, device = cpu\n 1 2\n 3 4", tensor.ToDisplayString("text/plain"));
    }

    [Fact]
    public void A_chart_shows_as_offline_html_and_plotly_js_comes_with_the_first_chart_only()
    {
        Kit.Seed(1);
        var chart = Plot.Values([("a", new double[] { 1, 2, 3 })], "test", "y");
        var first = chart.ToDisplayString("text/html");
        var second = chart.ToDisplayString("text/html");
        Assert.Contains("Plotly.newPlot('plotly-chart-", second);
        Assert.DoesNotContain("window.__lecturesDefine", second);
        Assert.DoesNotContain("<script src=", first + second);
        // plotly.js itself, when this process had drawn no chart before: its banner, inline, never a CDN.
        Assert.True(!first.Contains("window.__lecturesDefine") || first.Contains("/**\n* plotly.js v"), first[..200]);
        Assert.Equal("Plotly.NET chart", chart.ToDisplayString("text/plain"));
    }

    [Theory]
    [InlineData("/home/u/.dotnet/tools/.store/microsoft.dotnet-interactive/1.0.712001/tools/net10.0/any/Microsoft.DotNet.Interactive.App.dll jupyter --default-kernel csharp k.json", true)]
    [InlineData("/home/u/.dotnet/tools/.store/microsoft.dotnet-interactive/1.0.712001/tools/net10.0/any/Microsoft.DotNet.Interactive.App.dll stdio --working-dir .", false)]
    [InlineData("/repo/artifacts/bin/Lectures.Notebooks/release/Lectures.Notebooks.dll kernel --connection-file k.json", false)]
    [InlineData("/repo/artifacts/bin/Lectures.Tests/release/testhost.dll", false)]
    public void Only_dotnet_interactive_serving_jupyter_counts_as_dropping_display_updates(string commandLine, bool drops) =>
        Assert.Equal(drops, NotebookHost.IsDotNetInteractiveJupyter(commandLine.Split(' ')));
}
