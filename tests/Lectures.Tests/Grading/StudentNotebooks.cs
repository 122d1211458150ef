using System.Text.Json.Nodes;
using Lectures.Notebooks.Grading;
using Lectures.Notebooks.Nbformat;

namespace Lectures.Tests.Grading;

/// <summary>
/// Assignment 1 as students hand it in: the released version with answers typed into the answer cells and cells
/// of their own added, honest or not. The answers are written the way a student would, not copied from the solution.
/// </summary>
public static class StudentNotebooks
{
    public const string Forward = """
        Tensor RnnStepForward(Tensor x, Tensor hPrev, Tensor W, Tensor U, Tensor b)
        {
            return (x.matmul(U.T) + hPrev.matmul(W.T) + b).tanh();
        }
        """;

    public const string Backward = """
        (Tensor dx, Tensor dhPrev, Tensor dW, Tensor dU, Tensor db) RnnStepBackward(
            Tensor dh, Tensor x, Tensor hPrev, Tensor h, Tensor W, Tensor U)
        {
            var da = dh * (1 - h * h);
            return (da.matmul(U), da.matmul(W), da.T.matmul(hPrev), da.T.matmul(x), da.sum(0L));
        }
        """;

    /// <summary>A right backward step that lets autograd do the work, even turning gradients back on.</summary>
    public const string AutogradBackward = """
        (Tensor dx, Tensor dhPrev, Tensor dW, Tensor dU, Tensor db) RnnStepBackward(
            Tensor dh, Tensor x, Tensor hPrev, Tensor h, Tensor W, Tensor U)
        {
            using var grad = torch.enable_grad();
            var (xl, hl, Wl, Ul) = (x.detach().clone().requires_grad_(true), hPrev.detach().clone().requires_grad_(true),
                                    W.detach().clone().requires_grad_(true), U.detach().clone().requires_grad_(true));
            var offset = (h.atanh() - hPrev.matmul(W.T) - x.matmul(U.T)).detach();   // b, recovered from h
            var bl = zeros(W.shape[0], dtype: W.dtype).requires_grad_(true);
            ((hl.matmul(Wl.T) + xl.matmul(Ul.T) + offset + bl).tanh() * dh).sum().backward();
            return (xl.grad!, hl.grad!, Wl.grad!, Ul.grad!, bl.grad!);
        }
        """;

    public const string WrongForward = "Tensor RnnStepForward(Tensor x, Tensor hPrev, Tensor W, Tensor U, Tensor b) => zeros_like(hPrev);";

    public const string WrongBackward = """
        (Tensor dx, Tensor dhPrev, Tensor dW, Tensor dU, Tensor db) RnnStepBackward(
            Tensor dh, Tensor x, Tensor hPrev, Tensor h, Tensor W, Tensor U) =>
            (zeros_like(x), zeros_like(hPrev), zeros_like(W), zeros_like(U), zeros(W.shape[0], dtype: float64));
        """;

    /// <summary>The released notebook with <paramref name="forward"/> and <paramref name="backward"/> as the answers.</summary>
    public static Notebook Answered(string release, string forward, string backward)
    {
        var notebook = Notebook.Load(release);
        GradingRun.SetSource(GradingRun.Cell(notebook, "rnn_step_forward"), forward);
        GradingRun.SetSource(GradingRun.Cell(notebook, "rnn_step_backward"), backward);
        return notebook;
    }

    /// <summary>Adds a code cell of the student's own after the cell <paramref name="afterGradeId"/>.</summary>
    public static Notebook Add(this Notebook notebook, string afterGradeId, string source, JsonObject? nbgrader = null)
    {
        var cells = notebook.Root["cells"]!.AsArray();
        var at = cells.IndexOf(GradingRun.Cell(notebook, afterGradeId).Json) + 1;
        var metadata = new JsonObject();
        if (nbgrader is not null) metadata["nbgrader"] = nbgrader;
        cells.Insert(at, new JsonObject
        {
            ["cell_type"] = "code", ["id"] = Guid.NewGuid().ToString("N")[..12], ["metadata"] = metadata,
            ["execution_count"] = null, ["outputs"] = new JsonArray(), ["source"] = source,
        });
        return Notebook.Parse(notebook.ToJson(), notebook.Name);
    }

    /// <summary>Moves the cell <paramref name="gradeId"/> to just after the cell <paramref name="afterGradeId"/>.</summary>
    public static Notebook Move(this Notebook notebook, string gradeId, string afterGradeId)
    {
        var cells = notebook.Root["cells"]!.AsArray();
        var cell = GradingRun.Cell(notebook, gradeId).Json;
        cells.Remove(cell);
        cells.Insert(cells.IndexOf(GradingRun.Cell(notebook, afterGradeId).Json) + 1, cell);
        return Notebook.Parse(notebook.ToJson(), notebook.Name);
    }

    /// <summary>Writes <paramref name="notebook"/> to <paramref name="path"/>, creating its folder.</summary>
    public static void SaveTo(this Notebook notebook, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        notebook.Save(path);
    }
}
