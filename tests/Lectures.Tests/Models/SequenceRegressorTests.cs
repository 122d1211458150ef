using Lectures.Layers;
using Lectures.Models;
using Lectures.Tests.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Models;

/// <summary>The sequence regressor against TorchSharp's nn.RNN and nn.Linear composed by hand, with copied weights.</summary>
[Trait("Category", "Equivalence")]
public class SequenceRegressorTests
{
    /// <summary>TorchSharp's fused RNN and a linear layer on every step or on the last one.</summary>
    private sealed class FusedRegressor : nn.Module<Tensor, Tensor>
    {
        private readonly TorchSharp.Modules.RNN rnn;
        private readonly TorchSharp.Modules.Linear head;
        private readonly bool lastStepOnly;

        public FusedRegressor(long input, long hidden, long output, bool lastStepOnly, ScalarType dtype) : base(nameof(FusedRegressor))
        {
            rnn = nn.RNN(input, hidden, batchFirst: true, dtype: dtype);
            head = nn.Linear(hidden, output, dtype: dtype);
            this.lastStepOnly = lastStepOnly;
            RegisterComponents();
        }

        public override Tensor forward(Tensor x)
        {
            var (output, _) = rnn.forward(x, null);
            return head.forward(lastStepOnly ? output[.., -1] : output);
        }
    }

    [Theory]
    [InlineData(SequenceFlavour.ManyToMany, ScalarType.Float64, 40)]
    [InlineData(SequenceFlavour.ManyToMany, ScalarType.Float32, 41)]
    [InlineData(SequenceFlavour.ManyToOne, ScalarType.Float64, 42)]
    [InlineData(SequenceFlavour.ManyToOne, ScalarType.Float32, 43)]
    public void Equals_TorchSharps_RNN_and_Linear_in_outputs_and_every_gradient(SequenceFlavour flavour, ScalarType dtype, int seed)
    {
        manual_seed(seed);
        using var ours = new SequenceRegressor(3, 5, outputSize: 2, flavour: flavour, dtype: dtype);
        using var theirs = new FusedRegressor(3, 5, 2, flavour == SequenceFlavour.ManyToOne, dtype);
        Equivalence.CopyWeights(theirs, ours, seed);
        var x = randn(4, 7, 3, dtype: dtype);
        Equivalence.AssertSame(theirs, ours, x, (m, input) => [((FusedRegressor)m).forward(input)],
            (m, input) => [((SequenceRegressor)m).forward(input)], $"{flavour}, {dtype}");
        Assert.Equal(flavour == SequenceFlavour.ManyToMany ? [4L, 7L, 2L] : [4L, 2L], ours.forward(x).shape);
    }

    [Fact]
    public void Recurrent_exposes_the_layer_whose_weights_the_model_uses()
    {
        manual_seed(44);
        using var model = new SequenceRegressor(1, 4);
        var x = randn(2, 6, 1);
        var before = model.forward(x).detach().clone();
        using (no_grad()) model.Recurrent.get_parameter("weight_hh_l0")!.mul_(3);
        Assert.True((model.forward(x) - before).abs().max().ToDouble() > 1e-4);
        Assert.Contains("rnn.weight_hh_l0", model.named_parameters().Select(p => p.name));
    }

    [Fact]
    public void Bad_input_and_flavour_get_messages_that_name_what_was_expected()
    {
        using var model = new SequenceRegressor(1, 4);
        var rank = Assert.Throws<ArgumentException>(() => model.forward(randn(6, 1)));
        Assert.Contains("expected x of rank 3 (batch, seq, input), got rank 2 with shape [6, 1]", rank.Message);
        var features = Assert.Throws<ArgumentException>(() => model.forward(randn(2, 6, 3)));
        Assert.Contains("input_size 1", features.Message);
        var flavour = Assert.Throws<ArgumentException>(() => new SequenceRegressor(1, 4, flavour: SequenceFlavour.OneToMany));
        Assert.Contains("expected ManyToMany or ManyToOne, got OneToMany", flavour.Message);
    }
}
