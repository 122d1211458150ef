using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lectures.Notebooks.Nbformat;

/// <summary>
/// An .ipynb file (nbformat 4) held as JSON: the engine reads and replaces cells and outputs and keeps every other
/// field as it was, so Polyglot Notebooks' and Jupyter's metadata survive a round trip.
/// </summary>
public sealed class Notebook
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private Notebook(JsonObject root, string name)
    {
        Root = root;
        Name = name;
        Cells = root["cells"]!.AsArray().Select(c => new NotebookCell(c!.AsObject())).ToList();
    }

    /// <summary>The whole document.</summary>
    public JsonObject Root { get; }

    /// <summary>The file name the notebook was read from, for messages.</summary>
    public string Name { get; }

    /// <summary>The cells, in order.</summary>
    public IReadOnlyList<NotebookCell> Cells { get; }

    /// <summary>The kernel the notebook asks for (metadata.kernelspec.name), if it names one.</summary>
    public string? KernelName => Text(Root["metadata"]?["kernelspec"]?["name"]);

    /// <summary>The notebook's language as its metadata names it (kernelspec, else language_info), or null when it names none.</summary>
    public string? Language => Text(Root["metadata"]?["kernelspec"]?["language"]) ?? Text(Root["metadata"]?["language_info"]?["name"]);

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Reads a notebook; a missing, non-JSON or non-nbformat-4 file is an error naming the file and what it found.</summary>
    public static Notebook Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Notebook not found: {path}", path);
        JsonNode? node;
        try { node = JsonNode.Parse(File.ReadAllText(path)); }
        catch (JsonException e)
        {
            throw new InvalidDataException(
                $"{path} is not a notebook: invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}; expected nbformat 4 JSON.", e);
        }
        return FromJson(node, path);
    }

    /// <summary>Reads a notebook from JSON text.</summary>
    public static Notebook Parse(string json, string name = "notebook") => FromJson(JsonNode.Parse(json), name);

    private static Notebook FromJson(JsonNode? node, string name)
    {
        if (node is not JsonObject root)
            throw new InvalidDataException($"{name} is not a notebook: expected a JSON object, found {node?.GetValueKind().ToString() ?? "null"}.");
        var major = root["nbformat"]?.GetValue<int>();
        if (major != 4)
            throw new InvalidDataException($"{name} is not a notebook this engine reads: expected nbformat 4, found {(major is null ? "no nbformat field" : major.ToString())}.");
        if (root["cells"] is not JsonArray)
            throw new InvalidDataException($"{name} is not a notebook: expected a \"cells\" array.");
        return new Notebook(root, Path.GetFileName(name));
    }

    /// <summary>
    /// Gives every cell an id (nbformat 4.5) and sets the minor version. Ids are derived from the cell's position
    /// and source, so executing the same notebook twice writes the same file.
    /// </summary>
    public void EnsureCellIds()
    {
        Root["nbformat_minor"] = Math.Max(5, Root["nbformat_minor"]?.GetValue<int>() ?? 0);
        var used = new HashSet<string>();
        for (var i = 0; i < Cells.Count; i++)
        {
            var id = Cells[i].Id;
            if (id is null || !used.Add(id))
            {
                id = StableId(i, Cells[i].Source);
                while (!used.Add(id)) id = StableId(i, id);
                Cells[i].Id = id;
            }
        }
    }

    private static string StableId(int index, string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{index}:{text}")))[..12];

    /// <summary>The notebook as Jupyter writes it (one-space indent, a final newline).</summary>
    public string ToJson() => Root.ToJsonString(Indented) + "\n";

    /// <summary>Writes the notebook to a temporary file and moves it into place, so a reader never sees half of it.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());
}
