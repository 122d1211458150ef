using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;

namespace Lectures.Notebooks.Formatting;

/// <summary>
/// Turns a cell's value into a mime bundle: text/plain beside text/html, through Microsoft.DotNet.Interactive.Formatting
/// (the formatter .NET Interactive itself uses). HTML content is shown as it is, Plotly.NET charts become offline HTML
/// (see <see cref="PlotlyHtml"/>), strings and TorchSharp tensors are plain text.
/// Types are recognised by name, so values from a copy of an assembly the notebook loaded itself still format.
/// </summary>
public sealed class OutputFormatter
{
    private readonly PlotlyHtml plotly = new();

    /// <summary>The bundle for <paramref name="value"/>, restricted to <paramref name="mimeTypes"/> when any are given.</summary>
    public IReadOnlyDictionary<string, string> Format(object? value, IReadOnlyCollection<string> mimeTypes)
    {
        var bundle = Bundle(value);
        return mimeTypes.Count == 0 ? bundle : bundle.Where(kv => mimeTypes.Contains(kv.Key)).ToDictionary();
    }

    private Dictionary<string, string> Bundle(object? value)
    {
        switch (value)
        {
            case null: return Plain("<null>");
            case string text: return Plain(text);
        }
        var type = value.GetType();
        if (IsOrDerives(type, "Plotly.NET.GenericChart"))
            return new() { ["text/html"] = plotly.Render(value), ["text/plain"] = "Plotly.NET chart" };
        if (type.GetInterfaces().Any(i => i.FullName == "Microsoft.AspNetCore.Html.IHtmlContent"))
            return new() { ["text/html"] = value.ToString() ?? "", ["text/plain"] = value.ToString() ?? "" };
        if (type.FullName == "TorchSharp.torch+Tensor")
            return Plain(TensorText(value));
        if (type.IsPrimitive || value is decimal or Enum or DateTime or TimeSpan or Guid)
            return Plain(value.ToDisplayString("text/plain"));
        return new() { ["text/html"] = value.ToDisplayString("text/html"), ["text/plain"] = value.ToDisplayString("text/plain") };
    }

    private static Dictionary<string, string> Plain(string text) => new() { ["text/plain"] = text };

    private static bool IsOrDerives(Type? type, string fullName)
    {
        for (; type is not null; type = type.BaseType)
            if (type.FullName == fullName) return true;
        return false;
    }

    /// <summary>A tensor's shape, dtype and values, in TorchSharp's Julia style (its plain <c>ToString</c> omits the values).</summary>
    private static string TensorText(object tensor)
    {
        var toString = tensor.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m =>
            m.Name == "ToString" && m.GetParameters() is [{ ParameterType.Name: "TensorStringStyle" }, .. var rest] && rest.All(p => p.IsOptional));
        if (toString is null) return tensor.ToString() ?? "";
        var parameters = toString.GetParameters();
        var arguments = parameters.Select(p => p.Position == 0 ? Enum.Parse(p.ParameterType, "Julia") : Type.Missing).ToArray();
        return ((string)toString.Invoke(tensor, arguments)!).TrimEnd();
    }
}
