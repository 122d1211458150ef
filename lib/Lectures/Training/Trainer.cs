using System.Diagnostics;
using Lectures.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Training;

/// <summary>
/// The training loop the notebooks share. You supply the model and a step function that computes the loss of one
/// batch; the loop does the rest: mini-batches, backward pass, gradient clipping (recording the norm before it),
/// the optimizer step, validation after each epoch, metrics history, progress display, and an early stop with
/// advice when the loss is no longer finite. Each step's tensors live in a dispose scope, so memory stays flat.
/// </summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> on mini-batches of <paramref name="train"/>.</summary>
    /// <param name="model">Any module; its parameters are optimised.</param>
    /// <param name="train">The training examples.</param>
    /// <param name="validation">Examples evaluated (without gradients, in eval mode) after each epoch, or <c>null</c>.</param>
    /// <param name="step">Computes the loss of one batch (and optionally correct/total counts for accuracy). The same
    /// function serves validation.</param>
    /// <param name="options">Epochs, batch size, optimizer, clipping, label; defaults when <c>null</c>.</param>
    /// <returns>The metrics history.</returns>
    /// <example>
    /// <code>
    /// // model: an nn.Module&lt;Tensor, Tensor&gt; (e.g. an Lstm and a Linear head registered with RegisterComponents)
    /// var history = Trainer.Fit(model, train, validation,
    ///     batch => new StepResult(nn.functional.mse_loss(model.call(batch.Inputs), batch.Targets)),
    ///     new TrainingOptions { Epochs = 5, Clipping = Clipping.ByNorm(1) });
    /// </code>
    /// </example>
    public static TrainingHistory Fit(nn.Module model, Dataset train, Dataset? validation, Func<Dataset, StepResult> step,
        TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(step);
        options ??= new TrainingOptions();
        options.Validate();
        var shuffle = new Random(options.ShuffleSeed ?? Kit.NextSeed());
        var batchSize = options.BatchSize;
        var stepsPerEpoch = (int)((train.Count + batchSize - 1) / batchSize);
        return Run(model, options, stepsPerEpoch,
            () => Batches(train, batchSize, shuffle, step),
            validation is null ? null : () => Batches(validation, batchSize, null, step));
    }

    /// <summary>
    /// Trains on long streams with truncated backpropagation through time: the streams [B, M] are walked in chunks
    /// of <paramref name="k1"/> steps; the state the step function returns is carried to the next chunk but
    /// detached from the graph, so each backward pass runs through at most k1 steps.
    /// </summary>
    /// <param name="model">Any module; its parameters are optimised.</param>
    /// <param name="trainStream">Inputs and targets [B, M, ...], e.g. from <see cref="Windows.Streams"/>.</param>
    /// <param name="validationStream">Streams evaluated after each epoch, or <c>null</c>.</param>
    /// <param name="k1">Steps per chunk (the truncation length).</param>
    /// <param name="step">Computes one chunk's loss from the chunk and the carried state (<c>null</c> at the start
    /// of each epoch) and returns the new state, e.g. an LSTM's <c>[h, c]</c>.</param>
    /// <param name="options">Epochs, optimizer, clipping, label; defaults when <c>null</c>.</param>
    /// <returns>The metrics history.</returns>
    /// <example>
    /// <code>
    /// var stream = Windows.Streams(vocab.Encode(text), streams: 16);
    /// var history = Trainer.FitStream(model, stream, null, k1: 35, (chunk, state) =>
    /// {
    ///     var x = Inputs.OneHot(chunk.Inputs, vocab.Count);
    ///     var (output, h, c) = lstm.forward(x, state is null ? null : (state[0], state[1]));
    ///     var logits = head.forward(output);
    ///     var loss = nn.functional.cross_entropy(logits.flatten(0, 1), chunk.Targets.flatten());
    ///     return (new StepResult(loss), new[] { h, c });
    /// }, new TrainingOptions { Epochs = 3, Clipping = Clipping.ByNorm(5) });
    /// </code>
    /// </example>
    public static TrainingHistory FitStream(nn.Module model, Dataset trainStream, Dataset? validationStream, int k1,
        Func<Dataset, Tensor[]?, (StepResult Result, Tensor[] State)> step, TrainingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(trainStream);
        ArgumentNullException.ThrowIfNull(step);
        if (k1 < 1) throw new ArgumentOutOfRangeException(nameof(k1), k1, "The truncation length k1 must be at least 1.");
        foreach (var stream in new[] { trainStream, validationStream })
            if (stream is not null && (stream.Inputs.dim() < 2 || stream.Targets.dim() < 2 || stream.Inputs.shape[1] != stream.Targets.shape[1]))
                throw new ArgumentException(
                    $"Streams need inputs and targets [B, M, ...] with the same M; got {Checks.Shape(stream.Inputs)} and {Checks.Shape(stream.Targets)}.");
        options ??= new TrainingOptions();
        options.Validate();
        var stepsPerEpoch = (int)((trainStream.Inputs.shape[1] + k1 - 1) / k1);
        return Run(model, options, stepsPerEpoch,
            () => Chunks(trainStream, k1, step),
            validationStream is null ? null : () => Chunks(validationStream, k1, step));
    }

    /// <summary>One thunk per mini-batch; the batch is cut inside the thunk, so inside the step's dispose scope.</summary>
    private static IEnumerable<Func<StepResult>> Batches(Dataset data, int batchSize, Random? shuffle, Func<Dataset, StepResult> step) =>
        data.BatchPositions(batchSize, shuffle).Select(positions => (Func<StepResult>)(() => step(data.Select(torch.tensor(positions)))));

    /// <summary>One thunk per chunk of k1 steps; the carried state is detached and kept out of the step's scope.</summary>
    private static IEnumerable<Func<StepResult>> Chunks(Dataset stream, int k1, Func<Dataset, Tensor[]?, (StepResult, Tensor[])> step)
    {
        Tensor[]? state = null;
        try
        {
            var length = stream.Inputs.shape[1];
            for (long t = 0; t < length; t += k1)
            {
                var start = t;
                yield return () =>
                {
                    var chunk = new Dataset(stream.Inputs.narrow(1, start, Math.Min(k1, length - start)),
                        stream.Targets.narrow(1, start, Math.Min(k1, length - start)));
                    var (result, next) = step(chunk, state);
                    var carried = next.Select(s => s.detach().DetachFromDisposeScope()).ToArray();
                    Dispose(state);
                    state = carried;
                    return result;
                };
            }
        }
        finally
        {
            Dispose(state);
        }
    }

    private static void Dispose(Tensor[]? tensors)
    {
        foreach (var t in tensors ?? []) t.Dispose();
    }

    private static TrainingHistory Run(nn.Module model, TrainingOptions options, int stepsPerEpoch,
        Func<IEnumerable<Func<StepResult>>> trainSteps, Func<IEnumerable<Func<StepResult>>>? validationSteps)
    {
        ArgumentNullException.ThrowIfNull(model);
        var parameters = model.parameters().Cast<Tensor>().ToList();
        if (parameters.Count == 0) throw new ArgumentException("The model has no parameters to train.", nameof(model));
        using var optimizer = options.Optimizer?.Invoke(model.parameters()) ?? torch.optim.Adam(model.parameters(), options.LearningRate);
        var history = new TrainingHistory(options.Label);
        var progress = new Progress(options.Label, stepsPerEpoch * options.Epochs, options.ShowProgress);
        var clock = Stopwatch.StartNew();
        var stepCount = 0;
        var status = "";
        progress.Report(0, $"epoch 1/{options.Epochs}, {options.Clipping}", force: true);
        for (var epoch = 1; epoch <= options.Epochs && !history.StoppedEarly; epoch++)
        {
            model.train();
            var totals = new Totals();
            var norms = new List<double>();
            foreach (var thunk in trainSteps())
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                var result = thunk();
                var loss = CheckedLoss(result);
                var norm = double.NaN;
                if (double.IsFinite(loss))
                {
                    (result.Penalty is null ? result.Loss : result.Loss + result.Penalty).backward();
                    norm = options.Clipping.Apply(parameters);
                }
                stepCount++;
                if (!double.IsFinite(loss) || !double.IsFinite(norm))
                {
                    history.StopMessage = StopMessage(epoch, stepCount, loss, norm, options);
                    break;
                }
                optimizer.step();
                history.StepLosses.Add(loss);
                history.StepGradientNorms.Add(norm);
                norms.Add(norm);
                totals.Add(result, loss);
                progress.Report(stepCount, $"epoch {epoch}/{options.Epochs}, loss {Progress.Format(loss)}{status}");
            }
            if (history.StoppedEarly || norms.Count == 0) break;
            var (validationLoss, validationAccuracy) = validationSteps is null ? (null, null) : Evaluate(model, validationSteps);
            var metrics = new EpochMetrics(epoch, totals.Loss, totals.Accuracy, validationLoss, validationAccuracy,
                norms.Average(), norms.Max(), clock.Elapsed);
            history.Epochs.Add(metrics);
            status = $" | {Progress.Describe(metrics)}";
            progress.Report(stepCount, $"epoch {epoch}/{options.Epochs}{status}", force: true);
        }
        progress.Finish(stepCount, history.StopMessage ?? $"done{status}");
        return history;
    }

    private static (double? Loss, double? Accuracy) Evaluate(nn.Module model, Func<IEnumerable<Func<StepResult>>> steps)
    {
        model.eval();
        using var noGrad = torch.no_grad();
        var totals = new Totals();
        foreach (var thunk in steps())
        {
            using var scope = torch.NewDisposeScope();
            var result = thunk();
            totals.Add(result, CheckedLoss(result));
        }
        model.train();
        return (totals.Loss, totals.Accuracy);
    }

    private static double CheckedLoss(StepResult result)
    {
        if (result?.Loss is null) throw new InvalidOperationException("The step function returned no loss tensor.");
        if (result.Loss.numel() != 1)
            throw new InvalidOperationException($"The step function must return a scalar loss; got shape {Checks.Shape(result.Loss)}. Reduce it with .mean() or .sum().");
        if (result.Penalty is not null && result.Penalty.numel() != 1)
            throw new InvalidOperationException($"The step function's penalty must be a scalar; got shape {Checks.Shape(result.Penalty)}. Reduce it with .mean() or .sum().");
        if (result.Correct < 0 || result.Count < 0 || result.Correct > result.Count)
            throw new InvalidOperationException($"The step function reported {result.Correct} correct out of {result.Count}; expected 0 ≤ correct ≤ count.");
        return result.Loss.to_type(ScalarType.Float64).item<double>();
    }

    private static string StopMessage(int epoch, int step, double loss, double norm, TrainingOptions options)
    {
        var what = double.IsFinite(loss) ? $"the gradient norm became {norm}" : $"the loss became {loss}";
        var advice = options.Clipping.MaxNorm is null && options.Clipping.MaxValue is null
            ? "Try gradient clipping (Clipping = Clipping.ByNorm(1.0)) or a smaller learning rate"
            : $"Try a smaller learning rate or a tighter clipping threshold (now {options.Clipping})";
        // A custom optimizer carries its own learning rate, which options.LearningRate does not describe.
        var rate = options.Optimizer is null ? $" (learning rate now {options.LearningRate:G3})" : "";
        return $"Stopped at epoch {epoch}, step {step}: {what}. {advice}{rate}.";
    }

    /// <summary>Running sums for an epoch: loss weighted by each step's count (or 1), and accuracy counts.</summary>
    private sealed class Totals
    {
        private double weightedLoss, weight;
        private long correct, count;

        internal void Add(StepResult result, double loss)
        {
            var w = result.Count > 0 ? result.Count : 1;
            weightedLoss += loss * w;
            weight += w;
            correct += result.Correct;
            count += result.Count;
        }

        internal double Loss => weight > 0 ? weightedLoss / weight : double.NaN;

        internal double? Accuracy => count > 0 ? (double)correct / count : null;
    }
}
