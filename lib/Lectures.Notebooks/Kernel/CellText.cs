using Lectures.Notebooks.Execution;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// A cell as Roslyn sees it (its C# without directive lines) and the cursor mapped into it. Jupyter counts
/// cursor positions in Unicode code points, .NET strings in UTF-16 units; directive lines are blanked, so
/// positions map line by line.
/// </summary>
internal sealed class CellText
{
    private readonly string cell;
    private readonly int[] cellLineStarts, codeLineStarts;

    private CellText(string cell)
    {
        this.cell = cell;
        Code = CellDirectives.Parse(cell).Code;
        cellLineStarts = LineStarts(cell);
        codeLineStarts = LineStarts(Code);
    }

    /// <summary>The C# Roslyn compiles.</summary>
    public string Code { get; }

    /// <summary>The cursor in <see cref="Code"/>, or null when it sits on a directive line.</summary>
    public int? Position { get; private set; }

    /// <summary>Reads <paramref name="cell"/> with the cursor at <paramref name="cursor"/> code points.</summary>
    public static CellText At(string cell, int cursor)
    {
        var text = new CellText(cell);
        var utf16 = ToUtf16(cell, cursor);
        var line = Array.FindLastIndex(text.cellLineStarts, s => s <= utf16);
        var column = utf16 - text.cellLineStarts[line];
        var codeLineLength = (line + 1 < text.codeLineStarts.Length ? text.codeLineStarts[line + 1] - 1 : text.Code.Length) - text.codeLineStarts[line];
        text.Position = column <= codeLineLength ? text.codeLineStarts[line] + column : null;
        return text;
    }

    /// <summary>A position in <see cref="Code"/> as Jupyter counts it in the cell.</summary>
    public int ToCursor(int position)
    {
        var line = Array.FindLastIndex(codeLineStarts, s => s <= position);
        var utf16 = Math.Min(cellLineStarts[line] + position - codeLineStarts[line], cell.Length);
        return cell[..utf16].EnumerateRunes().Count();
    }

    private static int ToUtf16(string text, int codePoints)
    {
        var index = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (codePoints-- <= 0) break;
            index += rune.Utf16SequenceLength;
        }
        return Math.Min(index, text.Length);
    }

    private static int[] LineStarts(string text) =>
        [0, .. text.Select((c, i) => (c, i)).Where(p => p.c == '\n').Select(p => p.i + 1)];
}
