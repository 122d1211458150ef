using Lectures.Charts;
using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using TorchSharp;

namespace Lectures.Hosting;

/// <summary>
/// How notebooks show the library's values, registered with .NET Interactive's formatter (the one .NET Interactive,
/// the kit's engine and its kernel all use), so every host shows them alike: charts as offline Plotly HTML
/// (<see cref="ChartHtml"/>), tensors as their shape, dtype and values in TorchSharp's Julia style (the default object
/// formatter would list the tensor's properties, and its ToString omits the values).
/// </summary>
internal static class NotebookFormatters
{
    public static void Register()
    {
        Formatter.Register<GenericChart>((chart, writer) => writer.Write(ChartHtml.Render(chart)), HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>((_, writer) => writer.Write("Plotly.NET chart"), PlainTextFormatter.MimeType);
        Formatter.Register<torch.Tensor>((tensor, writer) => writer.Write(Text(tensor)), PlainTextFormatter.MimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(torch.Tensor), PlainTextFormatter.MimeType);
    }

    private static string Text(torch.Tensor tensor) =>
        tensor.ToString(TensorStringStyle.Julia, cultureInfo: System.Globalization.CultureInfo.InvariantCulture).TrimEnd();
}
