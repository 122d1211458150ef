using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>
/// The gated recurrent unit, one time step, in PyTorch's form (gate rows r, z, n like TorchSharp's
/// <c>nn.GRUCell</c>, so <c>load_state_dict</c> copies weights both ways):
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.
/// Lecture 001 resets h before the matmul (tanh W [x; r ⊙ h]) and writes h_t = (1 − z) ⊙ h_{t−1} + z ⊙ h′:
/// its z is this cell's 1 − z.
/// </summary>
public sealed class GruCell : RecurrentCell<Tensor?, Tensor>
{
    /// <summary>Creates the cell with PyTorch's initialisation U(−1/√hidden, 1/√hidden).</summary>
    /// <param name="inputSize">Features per input x_t.</param>
    /// <param name="hiddenSize">Features in the hidden state h_t.</param>
    /// <param name="bias">Whether to use bias_ih and bias_hh.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public GruCell(long inputSize, long hiddenSize, bool bias = true, Device? device = null, ScalarType? dtype = null)
        : base(nameof(GruCell), new GruRecurrence(), inputSize, hiddenSize, bias, device, dtype)
    {
    }

    /// <summary>One step: input [batch, input_size] (or unbatched [input_size]) and h_{t−1} (zeros when null) → h_t.</summary>
    /// <param name="input">x_t, [batch, input_size] or [input_size].</param>
    /// <param name="h0">h_{t−1}, [batch, hidden_size] or [hidden_size]; zeros when null.</param>
    public override Tensor forward(Tensor input, Tensor? h0 = null)
    {
        using var scope = NewDisposeScope();
        var h = Step(input, h0 is null ? null : [h0], ["h0"])[0];
        return scope.MoveToOuter(h);
    }
}
