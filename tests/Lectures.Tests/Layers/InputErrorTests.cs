using Lectures.Cells;
using Lectures.Layers;
using static TorchSharp.torch;

namespace Lectures.Tests.Layers;

/// <summary>Bad input fails with a message naming what was expected and what came.</summary>
[Trait("Category", "Equivalence")]
public class InputErrorTests
{
    private static void AssertMessage(Action act, params string[] fragments)
    {
        var e = Assert.ThrowsAny<ArgumentException>(act);
        foreach (var f in fragments) Assert.Contains(f, e.Message);
    }

    private readonly Lectures.Layers.Lstm lstm = new(3, 4, numLayers: 2);   // time-first: input [T, B, 3], states [2, B, 4]

    [Fact]
    public void Wrong_rank() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 3, 1)), "rank 3", "got rank 4", "[5, 2, 3, 1]");

    [Fact]
    public void Empty_sequence() =>
        AssertMessage(() => lstm.forward(zeros(0, 2, 3)), "at least one time step", "[0, 2, 3]");

    [Fact]
    public void Wrong_input_size() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 7)), "input_size 3", "got 7");

    [Fact]
    public void Wrong_hidden_size_in_the_state() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 3), (zeros(2, 2, 6), zeros(2, 2, 4))), "h0", "hidden_size 4", "got 6");

    [Fact]
    public void Batch_mismatch_between_input_and_state() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 3), (zeros(2, 2, 4), zeros(2, 3, 4))), "c0", "batch size 2", "got 3");

    [Fact]
    public void Wrong_layer_count_in_the_state() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 3), (zeros(1, 2, 4), zeros(1, 2, 4))), "[2, 2, 4]", "got 1");

    [Fact]
    public void Mismatched_dtype() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 3, dtype: ScalarType.Float64)), "Float32", "Float64");

    [Fact]
    public void Mismatched_state_dtype() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 3), (zeros(2, 2, 4, dtype: ScalarType.Float64), zeros(2, 2, 4))), "h0", "Float64");

    [Fact]
    public void Mismatched_device() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 3, device: META)), "device cpu", "got meta");

    [Fact]
    public void Lengths_longer_than_the_sequence() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 3), null, lengths: tensor(new long[] { 5, 9 })), "lengths[1] = 9", "0 to 5");

    [Fact]
    public void Lengths_not_one_per_sequence() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 3), null, lengths: tensor(new long[] { 5, 4, 3 })), "[2]", "[3]");

    [Fact]
    public void Mask_of_the_wrong_shape() =>
        AssertMessage(() => lstm.forward(zeros(5, 2, 3), null, mask: ones(2, 5, dtype: ScalarType.Bool)), "[5, 2]", "[2, 5]");

    [Fact]
    public void Cell_with_the_wrong_input_size() =>
        AssertMessage(() => new GruCell(3, 4).forward(zeros(2, 5)), "GruCell", "input_size 3", "got 5");

    [Fact]
    public void Cell_state_batch_mismatch() =>
        AssertMessage(() => new RnnCell(3, 4).forward(zeros(2, 3), zeros(5, 4)), "RnnCell", "batch size 2", "got 5");

    [Fact]
    public void Output_recurrent_targets_of_the_wrong_shape() =>
        AssertMessage(() => new OutputRecurrentNetwork(3, 4, 2).TeacherForced(zeros(5, 2, 3), zeros(5, 2, 3)),
            "targets", "[5, 2, 2]", "[5, 2, 3]");
}
