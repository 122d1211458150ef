using Lectures.Cells;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// A network whose only recurrence runs from the output at t−1 to the hidden units at t (lecture 004):
/// <code>
/// h_t = tanh(U x_t + W y_{t−1} + b)      U = weight_ih [hidden, input], W = weight_oh [hidden, output], b = bias_h
/// y_t = V h_t + c                         V = weight_ho [output, hidden], c = bias_o
/// </code>
/// Teacher forcing (training) feeds the true previous output in place of y_{t−1}; every h_t then depends on
/// known values only, so all steps are computed in one batched pass with no time loop. Free running (test time)
/// feeds the model's own y_{t−1} and must go step by step. Sequences are time-first, [seq, batch, feature].
/// </summary>
public sealed class OutputRecurrentNetwork : nn.Module<Tensor, Tensor?, Tensor>
{
    /// <summary>
    /// Creates the network with every parameter drawn from U(−1/√hidden, 1/√hidden), as PyTorch initialises its
    /// recurrent modules.
    /// </summary>
    /// <param name="inputSize">Features per input x_t.</param>
    /// <param name="hiddenSize">Hidden units h_t.</param>
    /// <param name="outputSize">Features per output y_t (also what is fed back).</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public OutputRecurrentNetwork(long inputSize, long hiddenSize, long outputSize, Device? device = null,
        ScalarType? dtype = null) : base(nameof(OutputRecurrentNetwork))
    {
        (InputSize, HiddenSize, OutputSize) = (inputSize, hiddenSize, outputSize);
        var k = 1 / Math.Sqrt(hiddenSize);
        Parameter Uniform(params long[] shape) => new(empty(shape, dtype: dtype, device: device).uniform_(-k, k));
        register_parameter("weight_ih", Uniform(hiddenSize, inputSize));
        register_parameter("weight_oh", Uniform(hiddenSize, outputSize));
        register_parameter("bias_h", Uniform(hiddenSize));
        register_parameter("weight_ho", Uniform(outputSize, hiddenSize));
        register_parameter("bias_o", Uniform(outputSize));
    }

    /// <summary>Features per input x_t.</summary>
    public long InputSize { get; }

    /// <summary>Hidden units.</summary>
    public long HiddenSize { get; }

    /// <summary>Features per output y_t.</summary>
    public long OutputSize { get; }

    private Parameter P(string name) => get_parameter(name)!;

    /// <summary>Teacher-forced when <paramref name="targets"/> is given, free-running otherwise.</summary>
    /// <param name="input">x, [seq, batch, input_size].</param>
    /// <param name="targets">The true outputs, [seq, batch, output_size], or null to run free.</param>
    public override Tensor forward(Tensor input, Tensor? targets = null) =>
        targets is null ? FreeRunning(input) : TeacherForced(input, targets);

    /// <summary>
    /// Training mode: y_{t−1} is replaced by the target at t−1 (zeros, or <paramref name="y0"/>, before the first step),
    /// so every step is computed at once. Returns y, [seq, batch, output_size].
    /// </summary>
    /// <param name="input">x, [seq, batch, input_size].</param>
    /// <param name="targets">The true outputs, [seq, batch, output_size].</param>
    /// <param name="y0">The output fed to the first step, [batch, output_size]; zeros when null.</param>
    public Tensor TeacherForced(Tensor input, Tensor targets, Tensor? y0 = null)
    {
        using var scope = NewDisposeScope();
        CheckInput(input);
        Checks.State(nameof(OutputRecurrentNetwork), "targets", targets, [input.shape[0], input.shape[1], OutputSize], P("weight_ih"));
        var first = FirstOutput(input, y0).unsqueeze(0);
        var previous = cat([first, targets[..^1]], 0);                               // y_{t−1} := target_{t−1}
        var h = (input.matmul(P("weight_ih").t()) + previous.matmul(P("weight_oh").t()) + P("bias_h")).tanh();   // h_t = tanh(U x_t + W y_{t−1} + b), all t
        var y = h.matmul(P("weight_ho").t()) + P("bias_o");                            // y_t = V h_t + c, all t
        return scope.MoveToOuter(y);
    }

    /// <summary>Test-time mode: each step is fed the model's own previous output. Returns y, [seq, batch, output_size].</summary>
    /// <param name="input">x, [seq, batch, input_size].</param>
    /// <param name="y0">The output fed to the first step, [batch, output_size]; zeros when null.</param>
    public Tensor FreeRunning(Tensor input, Tensor? y0 = null)
    {
        using var scope = NewDisposeScope();
        CheckInput(input);
        var (U, W, b, V, c) = (P("weight_ih"), P("weight_oh"), P("bias_h"), P("weight_ho"), P("bias_o"));
        var y = FirstOutput(input, y0);
        var outputs = new List<Tensor>();
        foreach (var x in input.unbind(0))
        {
            var h = (x.matmul(U.t()) + y.matmul(W.t()) + b).tanh();                  // h_t = tanh(U x_t + W y_{t−1} + b)
            y = h.matmul(V.t()) + c;                                                 // y_t = V h_t + c
            outputs.Add(y);
        }
        return scope.MoveToOuter(stack(outputs, 0));
    }

    private void CheckInput(Tensor input)
    {
        if (input.dim() != 3)
            throw new ArgumentException($"{nameof(OutputRecurrentNetwork)}: expected input of rank 3 (seq, batch, input_size), " +
                                        $"got rank {input.dim()} with shape {Checks.Shape(input)}.", nameof(input));
        Checks.Input(nameof(OutputRecurrentNetwork), input, 3, "(seq, batch, input_size)", InputSize, P("weight_ih"));
    }

    private Tensor FirstOutput(Tensor input, Tensor? y0)
    {
        if (y0 is null) return zeros(input.shape[1], OutputSize, dtype: input.dtype, device: input.device);
        Checks.State(nameof(OutputRecurrentNetwork), "y0", y0, [input.shape[1], OutputSize], P("weight_ih"));
        return y0;
    }
}
