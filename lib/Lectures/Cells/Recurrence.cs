using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>
/// One cell's recurrence, shared by the cells and the layers so it is written once; its step is the step function
/// of the manual BPTT class in <c>Lectures.Bptt</c>. A step is split like PyTorch's: the input projection W_ih x + b
/// (for all time steps in one matmul, since it does not depend on the state) and the recurrent part that needs h_{t−1}.
/// </summary>
internal abstract class Recurrence
{
    /// <summary>How many gate blocks are stacked in weight_ih / weight_hh (rows = Gates · hidden).</summary>
    public abstract int Gates { get; }

    /// <summary>The state tensors a step carries: h, or h and c.</summary>
    public virtual int States => 1;

    /// <summary>Names of the gate activations a trace records, in the order <see cref="Step"/> reports them.</summary>
    public abstract string[] GateNames { get; }

    /// <summary>
    /// W_ih x + b for a batch of inputs x [N, input] → [N, Gates·hidden]. Both biases are folded in here
    /// unless the step needs b_hh on its own (GRU).
    /// </summary>
    public virtual Tensor ProjectInput(Tensor x, Tensor w_ih, Tensor? b_ih, Tensor? b_hh) =>
        Affine(x, w_ih.t(), b_ih is null ? null : b_ih + b_hh!);

    /// <summary>
    /// One step from the projected input xp [batch, Gates·hidden] and the previous state.
    /// When <paramref name="gates"/> is given, the gate activations are appended to it.
    /// </summary>
    public abstract Tensor[] Step(Tensor xp, Tensor[] state, Tensor w_hh, Tensor? b_hh, List<Tensor>? gates);

    /// <summary>
    /// One layer and direction over a whole sequence x [T, B, input] with the hand-written BPTT as its backward pass
    /// (one custom autograd function, see <c>Lectures.Bptt.BpttFunction</c>). Returns the outputs [T, B, hidden] and
    /// the final states.
    /// </summary>
    public abstract Tensor[] RunWithManualBptt(Tensor x, Tensor[] state, Tensor w_ih, Tensor w_hh, Tensor? b_ih, Tensor? b_hh);

    /// <summary>Why this recurrence has no hand-written BPTT, or null when it has one.</summary>
    public virtual string? ManualBpttUnsupported => null;

    /// <summary>x Wᵀ + b in one fused call (addmm), or a plain matmul when the module has no bias.</summary>
    protected static Tensor Affine(Tensor x, Tensor wT, Tensor? b) => b is null ? x.mm(wT) : b.addmm(x, wT);
}
