using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>What every cell and layer does the same way: create PyTorch-named parameters, and run one checked step.</summary>
internal static class CellCore
{
    /// <summary>
    /// Registers weight_ih{suffix} [gates·H, I], weight_hh{suffix} [gates·H, H] and (with bias) bias_ih{suffix},
    /// bias_hh{suffix} [gates·H], initialised like PyTorch's: U(−1/√H, 1/√H).
    /// </summary>
    public static void RegisterParameters(nn.Module module, string suffix, long inputSize, long hiddenSize, int gates,
        bool bias, Device? device, ScalarType? dtype)
    {
        var k = 1.0 / Math.Sqrt(hiddenSize);
        Parameter Uniform(params long[] shape) => new(empty(shape, dtype: dtype, device: device).uniform_(-k, k));
        module.register_parameter("weight_ih" + suffix, Uniform(gates * hiddenSize, inputSize));
        module.register_parameter("weight_hh" + suffix, Uniform(gates * hiddenSize, hiddenSize));
        if (!bias) return;
        module.register_parameter("bias_ih" + suffix, Uniform(gates * hiddenSize));
        module.register_parameter("bias_hh" + suffix, Uniform(gates * hiddenSize));
    }

    /// <summary>
    /// One step of a cell on input [B, I] or unbatched [I], with optional states [B, H] (or [H]); zeros when absent.
    /// Returns the new states in the input's batched-ness.
    /// </summary>
    public static Tensor[] Step(string name, nn.Module cell, Recurrence recurrence, long inputSize, long hiddenSize,
        Tensor input, Tensor[]? state, string[] stateNames)
    {
        var w_ih = cell.get_parameter("weight_ih")!;
        var w_hh = cell.get_parameter("weight_hh")!;
        var (b_ih, b_hh) = (cell.get_parameter("bias_ih"), cell.get_parameter("bias_hh"));
        Checks.Input(name, input, 2, "(batch, input_size)", inputSize, w_ih);
        var batched = input.dim() == 2;
        var x = batched ? input : input.unsqueeze(0);
        var expected = batched ? new[] { x.shape[0], hiddenSize } : [hiddenSize];
        var s = new Tensor[recurrence.States];
        for (var k = 0; k < s.Length; k++)
        {
            if (state is null) { s[k] = zeros(x.shape[0], hiddenSize, dtype: x.dtype, device: x.device); continue; }
            Checks.State(name, stateNames[k], state[k], expected, w_ih);
            s[k] = batched ? state[k] : state[k].unsqueeze(0);
        }
        var xp = recurrence.ProjectInput(x, w_ih, b_ih, b_hh);
        var next = recurrence.Step(xp, s, w_hh.t(), b_hh, null);
        return batched ? next : next.Select(t => t.squeeze(0)).ToArray();
    }
}
