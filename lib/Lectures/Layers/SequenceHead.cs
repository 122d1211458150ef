using Lectures.Cells;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// The output layer of lecture 002, y_t = V h_t + c (weight [output, hidden], bias [output]), applied to a
/// recurrent layer's outputs in one of the flavours of lecture 004:
/// <see cref="SequenceFlavour.ManyToMany"/> and <see cref="SequenceFlavour.OneToMany"/> read every step,
/// [seq, batch, hidden] → [seq, batch, output]; <see cref="SequenceFlavour.ManyToOne"/> reads each sequence's last
/// real step, → [batch, output]. For one-to-many, feed the layer <see cref="OneToManyInput"/>.
/// </summary>
public sealed class SequenceHead : nn.Module<Tensor, Tensor?, Tensor>
{
    /// <summary>Creates the head with PyTorch-style initialisation U(−1/√hidden, 1/√hidden).</summary>
    /// <param name="hiddenSize">Features per step of the recurrent layer's output (directions · hidden).</param>
    /// <param name="outputSize">Features per output y_t.</param>
    /// <param name="flavour">Which steps the head reads.</param>
    /// <param name="batchFirst">Whether the layer's outputs are [batch, seq, hidden].</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public SequenceHead(long hiddenSize, long outputSize, SequenceFlavour flavour = SequenceFlavour.ManyToMany,
        bool batchFirst = false, Device? device = null, ScalarType? dtype = null) : base(nameof(SequenceHead))
    {
        (HiddenSize, OutputSize, Flavour, BatchFirst) = (hiddenSize, outputSize, flavour, batchFirst);
        var k = 1 / Math.Sqrt(hiddenSize);
        register_parameter("weight", new Parameter(empty([outputSize, hiddenSize], dtype: dtype, device: device).uniform_(-k, k)));
        register_parameter("bias", new Parameter(empty([outputSize], dtype: dtype, device: device).uniform_(-k, k)));
    }

    /// <summary>Features per step of the layer's output.</summary>
    public long HiddenSize { get; }

    /// <summary>Features per output.</summary>
    public long OutputSize { get; }

    /// <summary>Which steps the head reads.</summary>
    public SequenceFlavour Flavour { get; }

    /// <summary>Whether the layer's outputs are [batch, seq, hidden].</summary>
    public bool BatchFirst { get; }

    /// <summary>y_t = V h_t + c on the steps the flavour reads.</summary>
    /// <param name="outputs">The recurrent layer's outputs, [seq, batch, hidden] ([batch, seq, hidden] if batch-first).</param>
    /// <param name="lengths">Many-to-one only: real steps per sequence, [batch]; the last step when null.</param>
    public override Tensor forward(Tensor outputs, Tensor? lengths = null)
    {
        using var scope = NewDisposeScope();
        var (V, c) = (get_parameter("weight")!, get_parameter("bias")!);
        if (outputs.dim() != 3)
            throw new ArgumentException($"{nameof(SequenceHead)}: expected outputs of rank 3 " +
                $"{(BatchFirst ? "(batch, seq, hidden)" : "(seq, batch, hidden)")}, got rank {outputs.dim()} " +
                $"with shape {Checks.Shape(outputs)}.", nameof(outputs));
        Checks.Input(nameof(SequenceHead), outputs, 3, "", HiddenSize, V);
        var h = Flavour == SequenceFlavour.ManyToOne ? LastSteps(outputs, lengths) : outputs;
        return scope.MoveToOuter(h.matmul(V.t()) + c);                              // y_t = V h_t + c
    }

    /// <summary>Each sequence's output at its last real step, [batch, hidden].</summary>
    private Tensor LastSteps(Tensor outputs, Tensor? lengths)
    {
        var timeFirst = BatchFirst ? outputs.transpose(0, 1) : outputs;            // [T, B, H]
        var (T, B) = (timeFirst.shape[0], timeFirst.shape[1]);
        if (lengths is null) return timeFirst[-1];
        if (lengths.dim() != 1 || lengths.shape[0] != B)
            throw new ArgumentException($"{nameof(SequenceHead)}: expected lengths of shape [{B}], got {Checks.Shape(lengths)}.", nameof(lengths));
        var values = lengths.to(ScalarType.Int64, CPU).data<long>().ToArray();
        var bad = Array.FindIndex(values, v => v < 1 || v > T);
        if (bad >= 0)
            throw new ArgumentException($"{nameof(SequenceHead)}: lengths[{bad}] = {values[bad]}, expected 1 to {T} " +
                                        $"(the sequence has {T} steps).", nameof(lengths));
        var last = tensor(values, device: outputs.device) - 1;
        return timeFirst[last, arange(B, device: outputs.device)];                 // h at step lengths[b] − 1, per b
    }

    /// <summary>
    /// One-to-many input: x at the first step and zeros after, [steps, batch, input] (batch-first: [batch, steps, input]).
    /// </summary>
    /// <param name="x">The single input, [batch, input].</param>
    /// <param name="steps">How many steps the layer should run.</param>
    /// <param name="batchFirst">Lay the result out batch-first.</param>
    public static Tensor OneToManyInput(Tensor x, long steps, bool batchFirst = false)
    {
        if (x.dim() != 2)
            throw new ArgumentException($"{nameof(OneToManyInput)}: expected x of rank 2 (batch, input), got rank {x.dim()} " +
                                        $"with shape {Checks.Shape(x)}.", nameof(x));
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "expected at least 1 step");
        var sequence = cat([x.unsqueeze(0), x.new_zeros(steps - 1, x.shape[0], x.shape[1])], 0);
        return batchFirst ? sequence.transpose(0, 1) : sequence;
    }
}
