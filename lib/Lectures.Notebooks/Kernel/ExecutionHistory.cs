using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Lectures.Notebooks.Kernel;

/// <summary>
/// The inputs (and text results) of the cells run with store_history, for history_request as IPython answers it:
/// the last n ("tail"), a range of execution counts in a session ("range"), or those matching a glob pattern
/// ("search", optionally unique, the last n). The kernel's process is one session, numbered <see cref="Session"/>
/// (0, the current session, names it too); earlier sessions are not kept.
/// </summary>
public sealed class ExecutionHistory
{
    /// <summary>This kernel's session number in replies.</summary>
    public const int Session = 1;

    private readonly List<(int Line, string Input, string? Output)> entries = [];
    private readonly object gate = new();

    /// <summary>Records cell <paramref name="line"/>'s input and the text/plain of its result, if it had one.</summary>
    public void Add(int line, string input, string? output)
    {
        lock (gate) entries.Add((line, input, output));
    }

    /// <summary>The content of a history_reply for <paramref name="request"/>.</summary>
    public JsonObject Reply(JupyterMessage request)
    {
        List<(int Line, string Input, string? Output)> all;
        lock (gate) all = [.. entries];
        var n = request.Number("n", 0);
        IEnumerable<(int Line, string Input, string? Output)> selected = request.Text("hist_access_type", "range") switch
        {
            "tail" => n > 0 ? all.TakeLast(n) : all,
            "range" => request.Number("session", 0) is 0 or Session
                ? all.Where(e => e.Line >= request.Number("start", 0) && (request.Number("stop", 0) <= 0 || e.Line < request.Number("stop", 0)))
                : [],
            "search" => Search(all, request.Text("pattern", "*"), request.Flag("unique", false), n),
            _ => [],
        };
        var output = request.Flag("output", false);
        return new JsonObject
        {
            ["status"] = "ok",
            ["history"] = new JsonArray(selected.Select(e => (JsonNode?)new JsonArray(Session, e.Line,
                output ? new JsonArray(e.Input, e.Output) : JsonValue.Create(e.Input))).ToArray()),
        };
    }

    private static IEnumerable<(int Line, string Input, string? Output)> Search(List<(int Line, string Input, string? Output)> all, string pattern, bool unique, int n)
    {
        var glob = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.Singleline);
        var matches = all.Where(e => glob.IsMatch(e.Input)).ToList();
        // unique keeps each input's latest run
        if (unique) matches = matches.Where((e, i) => !matches.Skip(i + 1).Any(later => later.Input == e.Input)).ToList();
        return n > 0 ? matches.TakeLast(n) : matches;
    }
}
