using Lectures.Layers;
using Lectures.Tests.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Layers;

/// <summary>The head y_t = V h_t + c against TorchSharp's Linear with copied weights, in each flavour.</summary>
[Trait("Category", "Equivalence")]
public class SequenceHeadTests
{
    [Fact]
    public void Many_to_many_is_TorchSharp_linear_at_every_step()
    {
        manual_seed(31);
        using var head = new SequenceHead(4, 3, dtype: ScalarType.Float64);
        using var linear = nn.Linear(4, 3, dtype: ScalarType.Float64);
        linear.load_state_dict(head.state_dict());
        var h = randn(5, 2, 4, dtype: ScalarType.Float64);
        Equivalence.AssertClose(linear.forward(h), head.forward(h), 1e-12, "y");
    }

    [Fact]
    public void Many_to_one_reads_each_sequences_last_real_step_which_is_TorchSharps_final_state()
    {
        manual_seed(32);
        var dt = ScalarType.Float64;
        using var theirs = nn.LSTM(3, 4, batchFirst: true, dtype: dt);
        using var ours = new Lectures.Layers.Lstm(3, 4, batchFirst: true, dtype: dt);
        ours.load_state_dict(theirs.state_dict());
        using var head = new SequenceHead(4, 2, SequenceFlavour.ManyToOne, batchFirst: true, dtype: dt);
        using var linear = nn.Linear(4, 2, dtype: dt);
        linear.load_state_dict(head.state_dict());
        var x = randn(3, 6, 3, dtype: dt);
        long[] lengths = [6, 2, 4];
        var y = head.forward(ours.forward(x, null, lengths: tensor(lengths)).output, tensor(lengths));
        Assert.Equal([3L, 2L], y.shape);
        for (var b = 0; b < 3; b++)
        {
            var (_, hN, _) = theirs.forward(x[b..(b + 1), ..(int)lengths[b]], (zeros(1, 1, 4, dtype: dt), zeros(1, 1, 4, dtype: dt)));
            Equivalence.AssertClose(linear.forward(hN[0, 0]), y[b], 1e-12, $"sequence {b}");
        }
    }

    [Fact]
    public void One_to_many_feeds_the_input_once_then_zeros()
    {
        var x = ones(2, 3);
        var sequence = SequenceHead.OneToManyInput(x, 4);
        Assert.Equal([4L, 2L, 3L], sequence.shape);
        Assert.Equal(6.0, sequence[0].sum().ToDouble());
        Assert.Equal(0.0, sequence[1..].abs().sum().ToDouble());
        Assert.Equal([2L, 4L, 3L], SequenceHead.OneToManyInput(x, 4, batchFirst: true).shape);
        using var rnn = new Rnn(3, 5);
        using var head = new SequenceHead(5, 2, SequenceFlavour.OneToMany);
        Assert.Equal([4L, 2L, 2L], head.forward(rnn.forward(sequence).output).shape);
    }
}
