using Lectures.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Layers;

/// <summary>
/// Runs a cell's recurrence over a sequence for the layer modules: stacked layers, both directions, masks.
/// Parameters live on the owning module under PyTorch's names (weight_ih_l0, bias_hh_l1_reverse, ...).
/// </summary>
internal sealed class Unroller(string name, Recurrence recurrence, long inputSize, long hiddenSize, long numLayers,
    bool batchFirst, double dropout, bool bidirectional)
{
    public long InputSize => inputSize;
    public long HiddenSize => hiddenSize;
    public long NumLayers => numLayers;
    public bool BatchFirst => batchFirst;
    public double Dropout => dropout;
    public bool Bidirectional => bidirectional;
    private int Directions => bidirectional ? 2 : 1;

    /// <summary>Whether training runs the hand-written BPTT (see <see cref="RecurrentLayer{TState, TResult}.ManualBptt"/>).</summary>
    public bool ManualBptt
    {
        get;
        set
        {
            if (value && recurrence.ManualBpttUnsupported is { } why) throw new NotSupportedException($"{name}: ManualBptt: {why}.");
            field = value;
        }
    }

    private static string Suffix(long layer, int direction) => $"_l{layer}" + (direction == 1 ? "_reverse" : "");

    public void RegisterParameters(nn.Module module, bool bias, Device? device, ScalarType? dtype)
    {
        if (inputSize < 1 || hiddenSize < 1 || numLayers < 1)
            throw new ArgumentException($"{name}: expected input_size, hidden_size and num_layers ≥ 1, got " +
                                        $"{inputSize}, {hiddenSize} and {numLayers}.");
        if (dropout is < 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, $"{name}: expected dropout in [0, 1).");
        for (var l = 0L; l < numLayers; l++)
            for (var d = 0; d < Directions; d++)
                CellCore.RegisterParameters(module, Suffix(l, d), l == 0 ? inputSize : Directions * hiddenSize,
                    hiddenSize, recurrence.Gates, bias, device, dtype);
    }

    /// <summary>
    /// The whole forward pass. <paramref name="state"/> holds h0 (and c0), each [layers·directions, batch, hidden].
    /// Returns the output [seq, batch, directions·hidden] (batch-first if configured) and the final states.
    /// </summary>
    public (Tensor output, Tensor[] final) Run(nn.Module module, Tensor input, Tensor[]? state, string[] stateNames,
        Tensor? lengths, Tensor? mask, RecurrentTrace? trace)
    {
        var first = module.get_parameter("weight_ih_l0")!;
        Checks.Input(name, input, 3, batchFirst ? "(batch, seq, input_size)" : "(seq, batch, input_size)",
            inputSize, first);
        var batched = input.dim() == 3;
        var x = !batched ? input.unsqueeze(1) : batchFirst ? input.transpose(0, 1) : input;   // [T, B, I]
        var (T, B) = (x.shape[0], x.shape[1]);
        if (T == 0) throw new ArgumentException($"{name}: expected at least one time step, got input shape {Checks.Shape(input)}.", nameof(input));
        var initial = InitialStates(state, stateNames, batched, B, first);
        var stepMasks = StepMasks(lengths, mask, batched, T, B, x.device);

        var final = Enumerable.Range(0, recurrence.States).Select(_ => new List<Tensor>()).ToArray();
        for (var l = 0L; l < numLayers; l++)
        {
            var outputs = new Tensor[Directions];
            for (var d = 0; d < Directions; d++)
            {
                var start = initial.Select(s => s[l * Directions + d]).ToArray();
                (outputs[d], var last) = Direction(module, x, l, d, start, stepMasks, trace, batched);
                for (var k = 0; k < last.Length; k++) final[k].Add(last[k]);
            }
            x = Directions == 1 ? outputs[0] : cat(outputs, 2);                  // [h→_t; h←_t] per step
            if (dropout > 0 && module.training && l < numLayers - 1)
                x = nn.functional.dropout(x, dropout, training: true);            // between layers, never after the last
        }
        var output = !batched ? x.squeeze(1) : batchFirst ? x.transpose(0, 1) : x;
        return (output, final.Select(f => batched ? stack(f, 0) : stack(f, 0).squeeze(1)).ToArray());
    }

    /// <summary>One layer in one direction: the input projection for all steps in one matmul, then the time loop.</summary>
    private (Tensor output, Tensor[] last) Direction(nn.Module module, Tensor x, long layer, int direction,
        Tensor[] state, Tensor[]? stepMasks, RecurrentTrace? trace, bool batched)
    {
        var suffix = Suffix(layer, direction);
        var w_ih = module.get_parameter("weight_ih" + suffix)!;
        var w_hh = module.get_parameter("weight_hh" + suffix)!;
        var (b_ih, b_hh) = (module.get_parameter("bias_ih" + suffix), module.get_parameter("bias_hh" + suffix));
        if (ManualBptt && is_grad_enabled()) return ManualDirection(x, direction, state, stepMasks, trace, w_ih, w_hh, b_ih, b_hh);
        var (T, B) = (x.shape[0], x.shape[1]);
        var xp = recurrence.ProjectInput(x.reshape(T * B, -1), w_ih, b_ih, b_hh).view(T, B, -1).unbind(0);
        var zero = stepMasks is null ? null : zeros([], dtype: x.dtype, device: x.device);
        var ys = new Tensor[T];
        var record = trace is null ? null : new List<Tensor>[T];
        for (var step = 0L; step < T; step++)
        {
            var t = direction == 1 ? T - 1 - step : step;
            var gates = trace is null ? null : new List<Tensor>();
            var next = recurrence.Step(xp[t], state, w_hh, b_hh, gates);
            if (stepMasks is not null)
            {
                var m = stepMasks[t];                                          // [B, 1]: is step t real?
                for (var k = 0; k < next.Length; k++) next[k] = next[k].where(m, state[k]);   // padding keeps the state
                gates = gates?.Select(g => g.where(m, zero!)).ToList();
            }
            state = next;
            ys[t] = stepMasks is null ? state[0] : state[0].where(stepMasks[t], zero!);       // padded outputs are 0
            if (record is not null) record[t] = [.. state, .. gates!];
        }
        if (record is not null)
        {
            string[] names = [.. new[] { "h", "c" }.Take(recurrence.States), .. recurrence.GateNames];
            for (var k = 0; k < names.Length; k++)
                trace!.Record(names[k], (int)layer, direction, record.Select(r => r[k]), batched);
        }
        return (stack(ys, 0), state);
    }

    /// <summary>
    /// One layer and direction as a single custom autograd function whose backward is the hand-written BPTT; the
    /// reverse direction runs it on the time-reversed sequence.
    /// </summary>
    private (Tensor output, Tensor[] last) ManualDirection(Tensor x, int direction, Tensor[] state, Tensor[]? stepMasks,
        RecurrentTrace? trace, Tensor w_ih, Tensor w_hh, Tensor? b_ih, Tensor? b_hh)
    {
        if (stepMasks is not null || trace is not null)
            throw new NotSupportedException($"{name}: ManualBptt runs whole sequences: expected no lengths, mask or trace " +
                                            $"while gradients are recorded, got {(trace is not null ? "a trace" : "lengths or a mask")}. " +
                                            "Set ManualBptt = false for this call, or run it under torch.no_grad().");
        var result = recurrence.RunWithManualBptt(direction == 1 ? x.flip(0) : x, state, w_ih, w_hh, b_ih, b_hh);
        return (direction == 1 ? result[0].flip(0) : result[0], result[1..]);
    }

    private Tensor[][] InitialStates(Tensor[]? state, string[] stateNames, bool batched, long B, Tensor parameter)
    {
        var rows = numLayers * Directions;
        return Enumerable.Range(0, recurrence.States).Select(k =>
        {
            if (state is null)
                return zeros(rows, B, hiddenSize, dtype: parameter.dtype, device: parameter.device).unbind(0);
            long[] expected = batched ? [rows, B, hiddenSize] : [rows, hiddenSize];
            Checks.State(name, stateNames[k], state[k], expected, parameter);
            return (batched ? state[k] : state[k].unsqueeze(1)).unbind(0);
        }).ToArray();
    }

    /// <summary>Per-step masks [B, 1] (true = real step) from lengths or a mask; null when every step is real.</summary>
    private Tensor[]? StepMasks(Tensor? lengths, Tensor? mask, bool batched, long T, long B, Device device)
    {
        if (lengths is not null && mask is not null)
            throw new ArgumentException($"{name}: pass lengths or mask, not both.");
        if (lengths is not null)
        {
            if (lengths.dim() != 1 || lengths.shape[0] != B)
                throw new ArgumentException($"{name}: expected lengths of shape [{B}] (one per batch element), " +
                                            $"got {Checks.Shape(lengths)}.", nameof(lengths));
            if (lengths.is_floating_point() || lengths.dtype == ScalarType.Bool)
                throw new ArgumentException($"{name}: expected integer lengths, got dtype {lengths.dtype}.", nameof(lengths));
            var values = lengths.to(ScalarType.Int64, CPU).data<long>().ToArray();
            for (var b = 0; b < values.Length; b++)
                if (values[b] < 0 || values[b] > T)
                    throw new ArgumentException($"{name}: lengths[{b}] = {values[b]}, expected 0 to {T} " +
                                                $"(the sequence has {T} steps).", nameof(lengths));
            mask = arange(T, device: device).unsqueeze(1) < tensor(values, device: device).unsqueeze(0);   // [T, B]
        }
        else if (mask is not null)
        {
            long[] expected = !batched ? [T] : batchFirst ? [B, T] : [T, B];
            if (mask.dtype != ScalarType.Bool || !mask.shape.SequenceEqual(expected))
                throw new ArgumentException($"{name}: expected a bool mask of shape {Checks.Shape(expected)} " +
                                            $"(true = real step), got {mask.dtype} {Checks.Shape(mask)}.", nameof(mask));
            mask = !batched ? mask.unsqueeze(1) : batchFirst ? mask.t() : mask;
            mask = mask.to(device);
        }
        return mask?.unsqueeze(2).unbind(0);
    }
}
