using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Lectures.Notebooks.Grading;

/// <summary>
/// How a grading worker's reports reach the grader so that the student's code cannot forge them. Nothing is read
/// from a file: reports come as lines on the worker's standard output, each sealed with HMAC-SHA256 keyed by the
/// nonce that came with that cell's <see cref="CellRequest"/>. A nonce enters the worker only when its cell is sent,
/// so code that ran earlier (an answer cell, a background thread, an exit
/// handler) cannot seal a report for a later cell: it never had the key. The grader takes exactly one report per
/// cell, for the cell it sent; a line carrying the marker with a wrong seal, a report for another cell or a second
/// report is tampering, which costs that submission its notebook (so guessing is not free either). What stays open is
/// code that runs during the test cell itself (the test calls the answer) and reads the worker's raw memory for the
/// nonce: that can only change that student's own score, since the sandbox keeps it from everything else.
/// </summary>
internal static class ResultChannel
{
    /// <summary>Starts every report line, so the worker's native libraries' own output is told apart.</summary>
    public const string Marker = "\u001e@grading-report ";

    /// <summary>A fresh nonce for one cell.</summary>
    public static byte[] NewNonce() => RandomNumberGenerator.GetBytes(32);

    /// <summary>The line that carries <paramref name="report"/>, sealed with <paramref name="nonce"/>.</summary>
    public static string Seal(CellReport report, byte[] nonce)
    {
        var json = JsonSerializer.Serialize(report);
        return Marker + Convert.ToHexStringLower(HMACSHA256.HashData(nonce, Encoding.UTF8.GetBytes(json))) + " " + json;
    }

    /// <summary>
    /// The report a marked line carries for cell <paramref name="index"/>, or null with <paramref name="problem"/>
    /// saying what is wrong with it (always tampering: the worker itself only writes good reports).
    /// </summary>
    public static CellReport? Open(string line, int index, byte[] nonce, out string? problem)
    {
        var body = line[Marker.Length..];
        var space = body.IndexOf(' ');
        problem = "a report whose seal does not match";
        if (space != 64) return null;
        var json = body[(space + 1)..];
        var expected = HMACSHA256.HashData(nonce, Encoding.UTF8.GetBytes(json));
        byte[] given;
        try { given = Convert.FromHexString(body[..space]); }
        catch (FormatException) { return null; }
        if (!CryptographicOperations.FixedTimeEquals(expected, given)) return null;
        CellReport? report;
        try { report = JsonSerializer.Deserialize<CellReport>(json); }
        catch (JsonException) { report = null; }
        problem = report is null ? "a sealed report that is not a report" : report.Index != index ? $"a report for cell {report.Index} while cell {index} ran" : null;
        return problem is null ? report : null;
    }
}
