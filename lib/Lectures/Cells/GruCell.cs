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
public sealed class GruCell : nn.Module<Tensor, Tensor?, Tensor>
{
    private readonly GruRecurrence recurrence = new();

    /// <summary>Creates the cell with PyTorch's initialisation U(−1/√hidden, 1/√hidden).</summary>
    /// <param name="inputSize">Features per input x_t.</param>
    /// <param name="hiddenSize">Features in the hidden state h_t.</param>
    /// <param name="bias">Whether to use bias_ih and bias_hh.</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public GruCell(long inputSize, long hiddenSize, bool bias = true, Device? device = null, ScalarType? dtype = null)
        : base(nameof(GruCell))
    {
        (InputSize, HiddenSize) = (inputSize, hiddenSize);
        CellCore.RegisterParameters(this, "", inputSize, hiddenSize, recurrence.Gates, bias, device, dtype);
    }

    /// <summary>Features per input x_t.</summary>
    public long InputSize { get; }

    // The private setters are how TorchSharp's .to(dtype/device) swaps in the converted parameters.
    /// <summary>W_ih, the input weights of all gates stacked with gates = 3 (r, z, n), [gates·hidden_size, input_size].</summary>
    public Parameter weight_ih { get => get_parameter(nameof(weight_ih))!; private set => ConditionallyRegisterParameter(nameof(weight_ih), value); }

    /// <summary>W_hh, the recurrent weights of all gates stacked, [gates·hidden_size, hidden_size].</summary>
    public Parameter weight_hh { get => get_parameter(nameof(weight_hh))!; private set => ConditionallyRegisterParameter(nameof(weight_hh), value); }

    /// <summary>b_ih, [gates·hidden_size], or null without bias.</summary>
    public Parameter? bias_ih { get => get_parameter(nameof(bias_ih)); private set => ConditionallyRegisterParameter(nameof(bias_ih), value); }

    /// <summary>b_hh, [gates·hidden_size], or null without bias.</summary>
    public Parameter? bias_hh { get => get_parameter(nameof(bias_hh)); private set => ConditionallyRegisterParameter(nameof(bias_hh), value); }

    /// <summary>Features in the hidden state h_t.</summary>
    public long HiddenSize { get; }

    /// <summary>One step: input [batch, input_size] (or unbatched [input_size]) and h_{t−1} (zeros when null) → h_t.</summary>
    /// <param name="input">x_t, [batch, input_size] or [input_size].</param>
    /// <param name="h0">h_{t−1}, [batch, hidden_size] or [hidden_size]; zeros when null.</param>
    public override Tensor forward(Tensor input, Tensor? h0 = null)
    {
        using var scope = NewDisposeScope();
        var h = CellCore.Step(nameof(GruCell), this, recurrence, InputSize, HiddenSize, input,
            h0 is null ? null : [h0], ["h0"])[0];
        return scope.MoveToOuter(h);
    }
}
