using System.Text.Json.Nodes;
using Lectures.Notebooks.Execution;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Notebooks.Running;

/// <summary>
/// Executes one notebook top to bottom inside a worker process: the notebook's folder is the working directory
/// (as in Jupyter), outputs are written after every cell so a runner that has to kill a hanging cell still has
/// the rest, and progress goes to the runner as <see cref="WorkerMessage"/> lines.
/// </summary>
internal static class NotebookWorker
{
    public static async Task<int> RunAsync(string source, string output, bool allowErrors)
    {
        var protocol = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var notebook = Notebook.Load(source);
        notebook.EnsureCellIds();
        var code = notebook.Cells.Where(c => c.CellType == "code").ToList();
        foreach (var cell in code) cell.SetOutputs([], null);

        Environment.CurrentDirectory = Path.GetDirectoryName(Path.GetFullPath(source))!;
        using var session = new NotebookSession(Environment.CurrentDirectory);
        var executed = new List<(NotebookCell Cell, CellExecution Run, int Count)>();
        var failed = false;
        for (var i = 0; i < code.Count && !failed; i++)
        {
            protocol.WriteLine(new WorkerMessage("start", i + 1, code.Count).ToLine());
            var run = await session.ExecuteAsync(code[i].Source);
            executed.Add((code[i], run, session.ExecutionCount));
            // Later cells may update displays shown by earlier ones, so every executed cell is written again.
            foreach (var (cell, result, count) in executed)
                cell.SetOutputs(result.Outputs.Select(o => o.ToJson(count)), count);
            notebook.Save(output);
            var error = run.Error is { } e ? $"{(e.Line is { } line ? $"line {line}: " : "")}{e.Name}: {e.Message}" : null;
            protocol.WriteLine(new WorkerMessage("end", i + 1, code.Count, run.Elapsed.TotalMilliseconds, error, run.Error?.Line).ToLine());
            failed = run.Error is not null && !allowErrors;
        }
        notebook.Save(output);
        protocol.WriteLine(new WorkerMessage("done", Cells: code.Count).ToLine());
        return failed ? 1 : 0;
    }
}
