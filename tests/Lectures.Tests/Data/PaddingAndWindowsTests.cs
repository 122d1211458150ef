using Lectures.Data;
using TorchSharp;

namespace Lectures.Tests.Data;

[Trait("Category", "Toolkit")]
public class PaddingAndWindowsTests
{
    [Fact]
    public void Pad_writes_padding_after_each_sequence_and_the_mask_marks_real_steps()
    {
        var (padded, lengths) = Batching.Pad([new long[] { 5, 6, 7 }, new long[] { 8 }, new long[] { 9, 4 }], padding: 0L);

        Assert.Equal(new long[] { 3, 3 }, padded.shape);
        Assert.Equal(new long[] { 5, 6, 7, 8, 0, 0, 9, 4, 0 }, padded.data<long>().ToArray());
        Assert.Equal(new long[] { 3, 1, 2 }, lengths.data<long>().ToArray());
        var mask = Batching.MaskFromLengths(lengths, 3);
        Assert.Equal(new[] { true, true, true, true, false, false, true, true, false }, mask.data<bool>().ToArray());
    }

    [Fact]
    public void Pad_rejects_empty_inputs_with_the_offending_position()
    {
        var empty = Assert.Throws<ArgumentException>(() => Batching.Pad([new long[] { 1 }, Array.Empty<long>()]));
        Assert.Contains("Sequence 1 is empty", empty.Message);
        var mismatch = Assert.Throws<ArgumentException>(() => Batching.Tagging([new long[] { 1, 2 }], [new long[] { 1 }]));
        Assert.Contains("Sequence 0: the input has 2 steps but the target 1", mismatch.Message);
        Assert.Throws<ArgumentException>(() => Batching.Classification([new long[] { 1 }], [1L, 0L]));
    }

    [Fact]
    public void Classification_dataset_carries_lengths_and_mask()
    {
        var data = Batching.Classification([new long[] { 2, 3 }, new long[] { 4 }], [1L, 0L]);

        Assert.Equal(2, data.Count);
        Assert.Equal(new[] { true, true, true, false }, data.Mask!.data<bool>().ToArray());
        Assert.Equal(new long[] { 1, 0 }, data.Targets.data<long>().ToArray());
    }

    [Fact]
    public void Next_token_windows_shift_targets_by_one()
    {
        var data = Windows.NextToken([0, 1, 2, 3, 4, 5, 6], length: 3, stride: 2);

        Assert.Equal(new long[] { 2, 3 }, data.Inputs.shape);
        Assert.Equal(new long[] { 0, 1, 2, 2, 3, 4 }, data.Inputs.flatten().data<long>().ToArray());
        Assert.Equal(new long[] { 1, 2, 3, 3, 4, 5 }, data.Targets.flatten().data<long>().ToArray());
    }

    [Fact]
    public void Forecast_windows_pair_each_window_with_the_following_values()
    {
        var series = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();
        var data = Windows.Forecast(series, inputLength: 4, horizon: 2, stride: 3);

        Assert.Equal(new long[] { 2, 4, 1 }, data.Inputs.shape);
        Assert.Equal(new float[] { 3, 4, 5, 6 }, data.Inputs[1].flatten().data<float>().ToArray());
        Assert.Equal(new float[] { 7, 8 }, data.Targets[1].data<float>().ToArray());
        var tooShort = Assert.Throws<ArgumentException>(() => Windows.Forecast(series, inputLength: 10));
        Assert.Contains("has 10 steps but one window needs 11", tooShort.Message);
    }

    [Fact]
    public void Streams_are_contiguous_rows_with_shifted_targets()
    {
        var tokens = Enumerable.Range(0, 11).Select(i => (long)i).ToArray();
        var data = Windows.Streams(tokens, streams: 2);

        Assert.Equal(new long[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 }, data.Inputs.flatten().data<long>().ToArray());
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, data.Targets.flatten().data<long>().ToArray());
    }

    [Fact]
    public void Splits_are_deterministic_disjoint_and_complete()
    {
        var items = Enumerable.Range(0, 100).ToList();
        var (train, validation) = Splits.TrainValidation(items, 0.2, seed: 3);
        var (train2, validation2) = Splits.TrainValidation(items, 0.2, seed: 3);
        var (_, validation3) = Splits.TrainValidation(items, 0.2, seed: 4);

        Assert.Equal(80, train.Count);
        Assert.Equal(20, validation.Count);
        Assert.Equal(items, train.Concat(validation).Order());
        Assert.Equal(validation, validation2);
        Assert.Equal(train, train2);
        Assert.NotEqual(validation, validation3);
        Assert.Throws<ArgumentOutOfRangeException>(() => Splits.TrainValidation(items, 1.0, seed: 0));
    }

    [Fact]
    public void Dataset_split_and_batches_keep_inputs_and_targets_aligned()
    {
        var x = torch.arange(10L).unsqueeze(1);
        var data = new Dataset(x, x * 10);
        var (train, validation) = data.Split(0.3, seed: 1);
        Assert.Equal(7, train.Count);
        Assert.Equal(3, validation.Count);

        var batches = train.Batches(3, new Random(0)).ToList();
        Assert.Equal(new long[] { 3, 3, 1 }, batches.Select(b => b.Count));
        foreach (var b in batches) Assert.True((b.Targets == b.Inputs * 10).all().item<bool>());
        var seen = batches.SelectMany(b => b.Inputs.flatten().data<long>().ToArray()).Order();
        Assert.Equal(train.Inputs.flatten().data<long>().ToArray().Order(), seen);

        var mismatch = Assert.Throws<ArgumentException>(() => new Dataset(torch.zeros(3, 2), torch.zeros(4)));
        Assert.Contains("inputs [3, 2] and targets [4]", mismatch.Message);
    }

    [Fact]
    public void One_hot_and_embedding_inputs_have_the_expected_shapes_and_checks()
    {
        var oneHot = Inputs.OneHot(torch.tensor(new long[] { 1, 0, 2 }), 4);
        Assert.Equal(new long[] { 3, 4 }, oneHot.shape);
        Assert.Equal(new float[] { 0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0 }, oneHot.data<float>().ToArray());
        var outOfRange = Assert.Throws<ArgumentException>(() => Inputs.OneHot(torch.tensor(new long[] { 4 }), 4));
        Assert.Contains("0..3", outOfRange.Message);
        Assert.Throws<ArgumentException>(() => Inputs.OneHot(torch.tensor(new float[] { 1 }), 4));

        using var embed = Inputs.Embedding(10, 3, paddingIndex: 0);
        var e = embed.forward(torch.tensor(new long[,] { { 0, 5 } }));
        Assert.Equal(new long[] { 1, 2, 3 }, e.shape);
        Assert.Equal(0f, e[0, 0].abs().sum().item<float>());
    }
}

[Trait("Category", "Toolkit")]
public class PairsAndNextValueTests
{
    [Fact]
    public void Pairs_pad_sources_and_targets_separately()
    {
        var data = Batching.Pairs([new long[] { 3, 4 }, new long[] { 5 }], [new long[] { 6 }, new long[] { 7, 8, 9 }]);

        Assert.Equal(new long[] { 2, 2 }, data.Inputs.shape);
        Assert.Equal(new long[] { 2, 3 }, data.Targets.shape);
        Assert.Equal(new long[] { 6, 0, 0, 7, 8, 9 }, data.Targets.flatten().data<long>().ToArray());
        Assert.Equal(new long[] { 2, 1 }, data.Lengths!.data<long>().ToArray());
        Assert.Throws<ArgumentException>(() => Batching.Pairs([new long[] { 1 }], []));
    }

    [Fact]
    public void Next_value_windows_predict_every_step()
    {
        var series = Enumerable.Range(0, 6).Select(i => (float)i).ToArray();
        var data = Windows.NextValue(series, length: 3, stride: 2);

        Assert.Equal(new long[] { 2, 3, 1 }, data.Inputs.shape);
        Assert.Equal(new float[] { 2, 3, 4 }, data.Inputs[1].flatten().data<float>().ToArray());
        Assert.Equal(new float[] { 3, 4, 5 }, data.Targets[1].data<float>().ToArray());
    }
}
