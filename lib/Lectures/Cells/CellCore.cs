using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Cells;

/// <summary>Creates PyTorch-named recurrent parameters, for cells and for each layer and direction of a layer.</summary>
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
}
