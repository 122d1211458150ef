using Lectures.Data;
using Xunit.Abstractions;
using Lectures.Training;
using Microsoft.AspNetCore.Html;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Training;

[Trait("Category", "Toolkit")]
public class TrainerTests(ITestOutputHelper output) : SingleThreaded
{
    private static readonly TrainingOptions Quiet = new() { ShowProgress = false, ShuffleSeed = 0 };

    private static StepResult Regression(nn.Module<Tensor, Tensor> model, Dataset batch) =>
        new(nn.functional.mse_loss(model.call(batch.Inputs), batch.Targets));

    [Fact]
    public void Lstm_learns_the_short_adding_problem_with_validation_each_epoch()
    {
        torch.manual_seed(0);
        var (train, validation) = AddingProblem.Generate(1024, length: 6, seed: 0).Split(0.25, seed: 0);
        using var model = new LastStepModel("lstm", 2, 16, 1);

        var history = Trainer.Fit(model, train, validation, b => Regression(model, b),
            Quiet with { Epochs = 20, LearningRate = 0.02, Clipping = Clipping.ByNorm(1.0), Label = "LSTM" });

        Assert.False(history.StoppedEarly);
        Assert.Equal(20, history.Epochs.Count);
        Assert.Equal(20 * 24, history.StepLosses.Count);
        Assert.Equal(history.StepLosses.Count, history.StepGradientNorms.Count);
        Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationLoss));
        Assert.True(history.Last!.ValidationLoss < 0.05, $"validation MSE {history.Last.ValidationLoss} (predicting 1 gives ~0.17)");
        Assert.True(history.Epochs[^1].Elapsed >= history.Epochs[0].Elapsed);
        Assert.Null(history.Last.TrainAccuracy);
    }

    [Fact]
    public void Gru_classifier_reports_accuracy_from_the_step_counts()
    {
        torch.manual_seed(0);
        // Class = whether the first value is above 0.5: the GRU must carry it to the last step.
        var inputs = torch.rand(400, 6, 1);
        var labels = (inputs[.., 0, 0] > 0.5).to_type(ScalarType.Int64);
        var (train, validation) = new Dataset(inputs, labels).Split(0.25, seed: 1);
        using var model = new LastStepModel("gru", 1, 12, 2);

        var history = Trainer.Fit(model, train, validation, batch =>
        {
            var logits = model.call(batch.Inputs);
            var correct = (logits.argmax(1) == batch.Targets).sum().item<long>();
            return new StepResult(nn.functional.cross_entropy(logits, batch.Targets), correct, batch.Count);
        }, Quiet with { Epochs = 20, LearningRate = 0.02 });

        Assert.NotNull(history.Last!.TrainAccuracy);
        Assert.True(history.Last.ValidationAccuracy > 0.9, $"validation accuracy {history.Last.ValidationAccuracy}");
        Assert.InRange(history.Last.TrainPerplexity, 1.0, 2.0);
    }

    [Fact]
    public void Clipping_bounds_the_applied_step_while_recording_the_larger_norm()
    {
        torch.manual_seed(0);
        using var model = nn.Linear(1, 1);
        var x = torch.ones(8, 1) * 100;
        var data = new Dataset(x, x * 1000);
        var before = model.weight!.detach().clone();

        var history = Trainer.Fit(model, data, null, b => new StepResult(nn.functional.mse_loss(model.call(b.Inputs), b.Targets)),
            Quiet with { Epochs = 1, BatchSize = 8, Clipping = Clipping.ByNorm(1.0), Optimizer = p => torch.optim.SGD(p, 0.1) });

        Assert.True(history.StepGradientNorms[0] > 1000);
        var change = (model.weight!.detach() - before).abs().item<float>();
        Assert.True(change <= 0.1 + 1e-6, $"SGD with lr 0.1 after clipping to norm 1 moved the weight by {change}");
    }

    [Fact]
    public void A_penalty_is_minimised_with_the_loss_but_not_reported()
    {
        var data = new Dataset(torch.ones(4, 1), torch.ones(4, 1) * 3);
        var runs = new[] { 0.0, 10.0 }.Select(lambda =>
        {
            torch.manual_seed(0);
            var model = nn.Linear(1, 1, hasBias: false);
            var history = Trainer.Fit(model, data, null, b =>
            {
                var loss = nn.functional.mse_loss(model.call(b.Inputs), b.Targets);
                return new StepResult(loss) { Penalty = lambda * model.weight!.pow(2).sum() };
            }, Quiet with { Epochs = 1, BatchSize = 4, Optimizer = p => torch.optim.SGD(p, 0.01) });
            return (Weight: model.weight!.item<float>(), Reported: history.StepLosses[0]);
        }).ToList();

        // One SGD step on (w − 3)² + λw²: w ← w − 0.01 · (2(w − 3) + 2λw); the reported loss is (w − 3)² only.
        torch.manual_seed(0);
        var w = nn.Linear(1, 1, hasBias: false).weight!.item<float>();
        Assert.Equal(w - 0.01 * 2 * (w - 3), runs[0].Weight, 5);
        Assert.Equal(w - 0.01 * (2 * (w - 3) + 2 * 10 * w), runs[1].Weight, 5);
        Assert.Equal((w - 3) * (w - 3), runs[1].Reported, 4);
        Assert.Equal(runs[0].Reported, runs[1].Reported, 10);
    }

    [Fact]
    public void Non_finite_loss_stops_training_with_advice()
    {
        torch.manual_seed(0);
        using var model = nn.Linear(2, 1);
        var data = new Dataset(torch.randn(64, 2), torch.randn(64, 1));
        var calls = 0;

        var history = Trainer.Fit(model, data, null, b =>
        {
            var loss = nn.functional.mse_loss(model.call(b.Inputs), b.Targets);
            return new StepResult(++calls == 5 ? loss * double.PositiveInfinity : loss);
        }, Quiet with { Epochs = 3, BatchSize = 16, LearningRate = 0.5 });

        Assert.True(history.StoppedEarly);
        Assert.Single(history.Epochs);
        Assert.Equal(4, history.StepLosses.Count);
        Assert.Contains("epoch 2, step 5", history.StopMessage);
        Assert.Contains("Clipping.ByNorm", history.StopMessage);
        Assert.Contains("smaller learning rate", history.StopMessage);
        Assert.Contains("0.5", history.StopMessage);
    }

    [Fact]
    public void Bad_step_results_and_options_are_explained()
    {
        using var model = nn.Linear(2, 1);
        var data = new Dataset(torch.randn(8, 2), torch.randn(8, 1));

        var notScalar = Assert.Throws<InvalidOperationException>(() =>
            Trainer.Fit(model, data, null, b => new StepResult(model.call(b.Inputs)), Quiet with { Epochs = 1 }));
        Assert.Contains("scalar loss; got shape [8, 1]", notScalar.Message);
        var penalty = Assert.Throws<InvalidOperationException>(() =>
            Trainer.Fit(model, data, null, b => Regression(model, b) with { Penalty = model.weight!.pow(2) }, Quiet with { Epochs = 1 }));
        Assert.Contains("penalty must be a scalar; got shape [1, 2]", penalty.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(model, data, null, b => Regression(model, b), Quiet with { Epochs = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Trainer.Fit(model, data, null, b => Regression(model, b), Quiet with { LearningRate = -1 }));
    }

    [Fact]
    public void Truncated_bptt_carries_detached_state_across_chunks_and_learns_a_stream()
    {
        torch.manual_seed(0);
        var text = string.Concat(Enumerable.Repeat("hello world. ", 60));
        var vocab = CharVocabulary.Build(text, specialTokens: false);
        var stream = Windows.Streams(vocab.Encode(text), streams: 4);
        using var lstm = nn.LSTM(vocab.Count, 24, batchFirst: true);
        using var head = nn.Linear(24, vocab.Count);
        using var model = new Parts(lstm, head);
        var seenStates = new List<(bool Present, bool RequiresGrad)>();

        var history = Trainer.FitStream(model, stream, null, k1: 20, (chunk, state) =>
        {
            seenStates.Add((state is not null, state?[0].requires_grad ?? false));
            var x = Inputs.OneHot(chunk.Inputs, vocab.Count);
            var (output, h, c) = lstm.call(x, state is null ? null : (state[0], state[1]));
            var logits = head.call(output);
            var loss = nn.functional.cross_entropy(logits.flatten(0, 1), chunk.Targets.flatten());
            return (new StepResult(loss), new[] { h, c });
        }, Quiet with { Epochs = 8, LearningRate = 0.02, Clipping = Clipping.ByNorm(5) });

        var chunksPerEpoch = (int)Math.Ceiling(stream.Inputs.shape[1] / 20.0);
        Assert.Equal(8 * chunksPerEpoch, history.StepLosses.Count);
        Assert.False(seenStates[0].Present);
        Assert.All(seenStates.Skip(1).Take(chunksPerEpoch - 1), s => Assert.True(s.Present && !s.RequiresGrad));
        Assert.False(seenStates[chunksPerEpoch].Present);
        Assert.True(history.Last!.TrainPerplexity < 1.5, $"perplexity {history.Last.TrainPerplexity} on a repeated phrase");

        // The trained model, driven through the decoder's step-function interface, continues the phrase.
        (Tensor, (Tensor, Tensor)?) step((Tensor, Tensor)? state, long token)
        {
            using var noGrad = torch.no_grad();
            var x = Inputs.OneHot(torch.tensor(new[] { token }).reshape(1, 1), vocab.Count);
            var (output, h, c) = lstm.call(x, state);
            return (head.call(output)[0, -1].log_softmax(0), (h, c));
        }
        var greedy = Lectures.Decoding.Decoder.Greedy<(Tensor, Tensor)?>(null, step, start: vocab.IndexOf('h'), end: -1, maxLength: 24);
        Assert.Equal("ello world. hello world.", vocab.Decode(greedy.Tokens));
    }

    [Fact]
    public void Live_tensor_count_does_not_grow_over_1000_steps()
    {
        torch.manual_seed(0);
        using var model = new LastStepModel("gru", 2, 8, 1);
        var data = AddingProblem.Generate(1000, length: 5, seed: 0);
        var validation = AddingProblem.Generate(10, length: 5, seed: 1);
        var options = Quiet with { Epochs = 1, BatchSize = 1, Clipping = Clipping.ByNorm(1) };

        long Growth(Dataset train)
        {
            var before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
            var history = Trainer.Fit(model, train, validation, b => Regression(model, b), options);
            Assert.Equal(train.Count, history.StepLosses.Count);
            return DisposeScopeManager.Statistics.ThreadTotalLiveCount - before;
        }

        var warmUp = Growth(data.Select(torch.arange(10L)));
        var long1000 = Growth(data);
        output.WriteLine($"live tensors: +{warmUp} after 10 steps, +{long1000} after 1,000 steps");

        Assert.True(long1000 <= Math.Max(warmUp, 0),
            $"live tensors grew by {long1000} over 1,000 steps (by {warmUp} over 10): a per-step tensor escapes its dispose scope");
    }

    private sealed class RecordingHandle
    {
        public List<object> Updates { get; } = [];

        public void Update(object value) => Updates.Add(value);
    }

    [Fact]
    public void Progress_goes_through_the_registered_display_and_updates_in_place()
    {
        var shown = new List<object>();
        var handle = new RecordingHandle();
        Kit.UseDisplay(x => { shown.Add(x); return handle; });
        try
        {
            using var model = nn.Linear(1, 1);
            var data = new Dataset(torch.randn(16, 1), torch.randn(16, 1));
            Trainer.Fit(model, data, null, b => new StepResult(nn.functional.mse_loss(model.call(b.Inputs), b.Targets)),
                new TrainingOptions { Epochs = 2, BatchSize = 8, Label = "demo<run>" });
        }
        finally
        {
            Kit.ResetDisplay();
        }

        var first = Assert.IsType<HtmlString>(Assert.Single(shown));
        Assert.Contains("<progress", first.Value);
        Assert.Contains("demo&lt;run&gt;", first.Value);
        Assert.NotEmpty(handle.Updates);
        var last = Assert.IsType<HtmlString>(handle.Updates[^1]);
        Assert.Contains("value=\"4\" max=\"4\"", last.Value);
        Assert.Contains("done", last.Value);
    }

    [Fact]
    public void A_display_without_a_handle_shows_the_start_and_the_end_only()
    {
        var shown = new List<object>();
        Kit.UseDisplay(x => { shown.Add(x); return null; });
        try
        {
            using var model = nn.Linear(1, 1);
            var data = new Dataset(torch.randn(64, 1), torch.randn(64, 1));
            Trainer.Fit(model, data, null, b => new StepResult(nn.functional.mse_loss(model.call(b.Inputs), b.Targets)),
                new TrainingOptions { Epochs = 3, BatchSize = 4 });
        }
        finally
        {
            Kit.ResetDisplay();
        }

        Assert.Equal(2, shown.Count);
        Assert.Contains("done", ((HtmlString)shown[1]).Value);
    }

    [Fact]
    public void A_hand_written_loop_shows_the_same_progress_bar()
    {
        var shown = new List<object>();
        var handle = new RecordingHandle();
        Kit.UseDisplay(x => { shown.Add(x); return handle; });
        try
        {
            var progress = new Progress("hand loop", totalSteps: 3);
            for (var step = 1; step <= 3; step++) progress.Report(step, $"loss {1.0 / step:F2}", force: true);
            progress.Finish(3, "done");
        }
        finally
        {
            Kit.ResetDisplay();
        }

        var first = Assert.IsType<HtmlString>(Assert.Single(shown));
        Assert.Contains("value=\"1\" max=\"3\"", first.Value);
        Assert.Contains("hand loop", first.Value);
        Assert.Equal(3, handle.Updates.Count);
        Assert.Contains("value=\"3\" max=\"3\"", ((HtmlString)handle.Updates[^1]).Value);
        Assert.Contains("done", ((HtmlString)handle.Updates[^1]).Value);
    }

    [Fact]
    public void Without_a_display_progress_is_one_rewritten_console_line()
    {
        var writer = new StringWriter();
        var original = Console.Out;
        Console.SetOut(writer);
        try
        {
            using var model = nn.Linear(1, 1);
            var data = new Dataset(torch.randn(16, 1), torch.randn(16, 1));
            Trainer.Fit(model, data, null, b => new StepResult(nn.functional.mse_loss(model.call(b.Inputs), b.Targets)),
                new TrainingOptions { Epochs = 2, BatchSize = 8, Label = "console" });
        }
        finally
        {
            Console.SetOut(original);
        }

        var output = writer.ToString();
        Assert.StartsWith("\rconsole [", output);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("100% done", output);
    }
}
