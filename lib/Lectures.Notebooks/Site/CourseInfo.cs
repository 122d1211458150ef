using System.Text.Json;
using System.Text.Json.Serialization;

namespace Lectures.Notebooks.Site;

/// <summary>
/// What the site's index says about the course, from <c>course.json</c> beside the notebooks: the title, a short
/// introduction (Markdown), and the lecture themes, each with its notebooks (file names without .ipynb) and the
/// one line a student reads to choose one. Notebooks it does not name are listed after the themes. A folder without
/// course.json gets its folder name as title and one list.
/// </summary>
/// <param name="Folder">The folder the notebooks are in; its <c>assignments/</c> and <c>figures/</c> go into the site too.</param>
/// <param name="Title">The course's title.</param>
/// <param name="Introduction">A few sentences of Markdown under the title.</param>
/// <param name="Themes">The lecture themes, in order.</param>
public sealed record CourseInfo(string Folder, string Title, string Introduction, IReadOnlyList<CourseTheme> Themes)
{
    /// <summary>The file read from the notebooks' folder.</summary>
    public const string FileName = "course.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    /// <summary>Reads <c>course.json</c> in <paramref name="folder"/>; a broken file is an error naming it and what was expected.</summary>
    public static CourseInfo Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return new CourseInfo(folder, Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), "", []);
        try
        {
            var file = JsonSerializer.Deserialize<CourseFile>(File.ReadAllText(path), Options)
                       ?? throw new JsonException("expected an object, found null");
            return new CourseInfo(folder, file.Title, file.Introduction, file.Themes);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Message} Expected {{ \"title\", \"introduction\", \"themes\": [{{ \"title\", \"notebooks\": [{{ \"name\", \"learn\" }}] }}] }}.", e);
        }
    }

    private sealed record CourseFile(string Title, string Introduction, IReadOnlyList<CourseTheme> Themes);
}
