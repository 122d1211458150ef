using Microsoft.DotNet.Interactive.Formatting;

namespace Lectures.Notebooks.Formatting;

/// <summary>
/// Turns a value into a mime bundle as .NET Interactive's C# kernel does: the value's preferred mime types (text/plain
/// for strings, text/html for most else) through Microsoft.DotNet.Interactive.Formatting, the formatter .NET
/// Interactive itself uses, at the kernel's own version, so what a library registers there (the kit's charts and
/// tensors) shows the same in both hosts. The one addition: text/plain beside text/html, which Jupyter's format
/// recommends for every output and which the course's tests and the check command read.
/// </summary>
public static class OutputFormatter
{
    /// <summary>The bundle for <paramref name="value"/>, in <paramref name="mimeTypes"/> when any are given.</summary>
    public static IReadOnlyDictionary<string, string> Format(object? value, IReadOnlyCollection<string> mimeTypes)
    {
        var bundle = FormattedValue.CreateManyFromObject(value, [.. mimeTypes]).ToDictionary(v => v.MimeType, v => v.Value);
        if (mimeTypes.Count == 0 && !bundle.ContainsKey(PlainTextFormatter.MimeType))
            bundle[PlainTextFormatter.MimeType] = value.ToDisplayString(PlainTextFormatter.MimeType);
        return bundle;
    }
}
