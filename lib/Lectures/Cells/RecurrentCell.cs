using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>
/// What <see cref="RnnCell"/>, <see cref="LstmCell"/> and <see cref="GruCell"/> share: PyTorch's parameters
/// (gate rows stacked in weight_ih, weight_hh, bias_ih, bias_hh) and one checked step of the cell's recurrence.
/// </summary>
/// <typeparam name="TState">The previous state: h, or (h, c) for the LSTM.</typeparam>
/// <typeparam name="TResult">The new state.</typeparam>
public abstract class RecurrentCell<TState, TResult> : nn.Module<Tensor, TState, TResult>
{
    private readonly Recurrence recurrence;

    private protected RecurrentCell(string name, Recurrence recurrence, long inputSize, long hiddenSize, bool bias,
        Device? device, ScalarType? dtype) : base(name)
    {
        (this.recurrence, InputSize, HiddenSize) = (recurrence, inputSize, hiddenSize);
        CellCore.RegisterParameters(this, "", inputSize, hiddenSize, recurrence.Gates, bias, device, dtype);
    }

    /// <summary>Features per input x_t.</summary>
    public long InputSize { get; }

    /// <summary>Features in the hidden state h_t (and the cell state c_t).</summary>
    public long HiddenSize { get; }

    // The setters are how TorchSharp's .to(dtype/device) swaps in the converted parameters.
    /// <summary>W_ih, the input weights of all gates stacked, [gates·hidden_size, input_size].</summary>
    public Parameter weight_ih { get => get_parameter(nameof(weight_ih))!; protected set => ConditionallyRegisterParameter(nameof(weight_ih), value); }

    /// <summary>W_hh, the recurrent weights of all gates stacked, [gates·hidden_size, hidden_size].</summary>
    public Parameter weight_hh { get => get_parameter(nameof(weight_hh))!; protected set => ConditionallyRegisterParameter(nameof(weight_hh), value); }

    /// <summary>b_ih, [gates·hidden_size], or null without bias.</summary>
    public Parameter? bias_ih { get => get_parameter(nameof(bias_ih)); protected set => ConditionallyRegisterParameter(nameof(bias_ih), value); }

    /// <summary>b_hh, [gates·hidden_size], or null without bias.</summary>
    public Parameter? bias_hh { get => get_parameter(nameof(bias_hh)); protected set => ConditionallyRegisterParameter(nameof(bias_hh), value); }

    /// <summary>
    /// One step on input [B, I] or unbatched [I], with optional states [B, H] (or [H]); zeros when absent.
    /// Returns the new states in the input's batched-ness.
    /// </summary>
    private protected Tensor[] Step(Tensor input, Tensor[]? state, string[] stateNames)
    {
        Checks.Input(GetName(), input, 2, "(batch, input_size)", InputSize, weight_ih);
        var batched = input.dim() == 2;
        var x = batched ? input : input.unsqueeze(0);
        var expected = batched ? new[] { x.shape[0], HiddenSize } : [HiddenSize];
        var s = new Tensor[recurrence.States];
        for (var k = 0; k < s.Length; k++)
        {
            if (state is null) { s[k] = zeros(x.shape[0], HiddenSize, dtype: x.dtype, device: x.device); continue; }
            Checks.State(GetName(), stateNames[k], state[k], expected, weight_ih);
            s[k] = batched ? state[k] : state[k].unsqueeze(0);
        }
        var xp = recurrence.ProjectInput(x, weight_ih, bias_ih, bias_hh);
        var next = recurrence.Step(xp, s, weight_hh, bias_hh, null);
        return batched ? next : next.Select(t => t.squeeze(0)).ToArray();
    }
}
