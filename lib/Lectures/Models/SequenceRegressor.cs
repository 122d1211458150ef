using Lectures.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Models;

/// <summary>
/// A recurrent model for real-valued sequences, such as forecasting the next value of a series: a vanilla
/// <see cref="Rnn"/> reads x_1, …, x_T and the output layer y_t = V h_t + c (<see cref="SequenceHead"/>) turns its
/// states into predictions, at every step (many-to-many) or after the last one (many-to-one).
/// Batch-first, like the windows of <see cref="Data.Windows"/>: [batch, seq, input] → [batch, seq, output]
/// (many-to-many) or [batch, output] (many-to-one). The parameters are the layer's and the head's under
/// "rnn." and "head.", so a TorchSharp <c>nn.RNN</c> and <c>nn.Linear</c> take them with <c>load_state_dict</c>.
/// </summary>
/// <example>
/// <code>
/// var data = Windows.NextValue(SeasonalSeries.Generate(2400, seed: 3), length: 40);      // [N, 40, 1] → [N, 40]
/// var model = new SequenceRegressor(inputSize: 1, hiddenSize: 32);
/// var loss = nn.functional.mse_loss(model.forward(data.Inputs).squeeze(-1), data.Targets);
/// </code>
/// </example>
public sealed class SequenceRegressor : nn.Module<Tensor, Tensor>
{
    private readonly Rnn rnn;
    private readonly SequenceHead head;

    /// <summary>Creates the model with PyTorch's initialisation U(−1/√hidden, 1/√hidden) for the layer and the head.</summary>
    /// <param name="inputSize">Features per input x_t (1 for a single series).</param>
    /// <param name="hiddenSize">Features in each hidden state h_t.</param>
    /// <param name="outputSize">Features per prediction y_t.</param>
    /// <param name="flavour"><see cref="SequenceFlavour.ManyToMany"/> (a prediction per step) or
    /// <see cref="SequenceFlavour.ManyToOne"/> (one per sequence).</param>
    /// <param name="device">Where the parameters live (CPU when null).</param>
    /// <param name="dtype">The parameters' dtype (float32 when null).</param>
    public SequenceRegressor(long inputSize, long hiddenSize, long outputSize = 1,
        SequenceFlavour flavour = SequenceFlavour.ManyToMany, Device? device = null, ScalarType? dtype = null)
        : base(nameof(SequenceRegressor))
    {
        if (flavour == SequenceFlavour.OneToMany)
            throw new ArgumentException($"{nameof(SequenceRegressor)}: expected {nameof(SequenceFlavour.ManyToMany)} or " +
                $"{nameof(SequenceFlavour.ManyToOne)}, got {flavour} (feed SequenceHead.OneToManyInput to a many-to-many model).",
                nameof(flavour));
        rnn = new Rnn(inputSize, hiddenSize, batchFirst: true, device: device, dtype: dtype);
        head = new SequenceHead(hiddenSize, outputSize, flavour, batchFirst: true, device: device, dtype: dtype);
        RegisterComponents();
    }

    /// <summary>The recurrent layer, e.g. to initialise its weight_hh_l0 in a chosen way.</summary>
    public Rnn Recurrent => rnn;

    /// <summary>Which steps produce predictions.</summary>
    public SequenceFlavour Flavour => head.Flavour;

    /// <summary>y_t = V h_t + c on the steps the flavour reads.</summary>
    /// <param name="x">Inputs [batch, seq, input].</param>
    /// <returns>[batch, seq, output] (many-to-many) or [batch, output] (many-to-one).</returns>
    public override Tensor forward(Tensor x)
    {
        if (x.dim() != 3)
            throw new ArgumentException($"{nameof(SequenceRegressor)}: expected x of rank 3 (batch, seq, input), got rank {x.dim()} " +
                $"with shape {Checks.Shape(x)}.", nameof(x));
        return head.forward(rnn.forward(x).output);
    }
}
