using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis.CSharp;

namespace Lectures.Notebooks.Kernel;

/// <summary>What the kernel tells front ends about itself (kernel_info_reply) and the names it is installed under.</summary>
public static class KernelInfo
{
    /// <summary>The kernelspec's name: distinct from .NET Interactive's <c>.net-csharp</c>, so both can be installed.</summary>
    public const string Name = "rnn-lectures-csharp";

    /// <summary>The name front ends show in their kernel pickers.</summary>
    public const string DisplayName = "C# (RNN lectures kernel)";

    /// <summary>The language, as the course notebooks' metadata names it.</summary>
    public const string Language = "C#";

    /// <summary>The content of a kernel_info_reply.</summary>
    public static JsonObject Content() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = Name,
        ["implementation_version"] = typeof(KernelInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0",
        ["language_info"] = new JsonObject
        {
            ["name"] = Language,
            ["version"] = LanguageVersion.Latest.MapSpecifiedToEffectiveVersion().ToDisplayString(),
            ["mimetype"] = "text/x-csharp",
            ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp",
            ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = $"{DisplayName}: C# cells run by the course's notebook engine (Roslyn scripting, .NET {Environment.Version}).",
        ["help_links"] = new JsonArray(),
    };
}
