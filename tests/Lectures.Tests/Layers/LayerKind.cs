using Lectures.Cells;
using Lectures.Layers;
using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Tests.Layers;

/// <summary>The four layer kinds under test, each paired with TorchSharp's module and a uniform way to run both.</summary>
public enum LayerKind { RnnTanh, RnnRelu, Lstm, Gru }

internal sealed record LayerSpec(LayerKind Kind, long Input, long Hidden, long Layers, bool Bias, bool BatchFirst,
    bool Bidirectional)
{
    public long Directions => Bidirectional ? 2 : 1;
    public int States => Kind == LayerKind.Lstm ? 2 : 1;

    public nn.Module Theirs(ScalarType dtype) => Kind switch
    {
        LayerKind.RnnTanh => nn.RNN(Input, Hidden, Layers, nn.NonLinearities.Tanh, Bias, BatchFirst, 0, Bidirectional, dtype: dtype),
        LayerKind.RnnRelu => nn.RNN(Input, Hidden, Layers, nn.NonLinearities.ReLU, Bias, BatchFirst, 0, Bidirectional, dtype: dtype),
        LayerKind.Lstm => nn.LSTM(Input, Hidden, Layers, Bias, BatchFirst, 0, Bidirectional, dtype: dtype),
        _ => nn.GRU(Input, Hidden, Layers, Bias, BatchFirst, 0, Bidirectional, dtype: dtype),
    };

    /// <summary>Built in float32 and converted with .to(dtype), so the conversion path is tested too.</summary>
    public nn.Module Ours(ScalarType dtype) => (Kind switch
    {
        LayerKind.RnnTanh => new Rnn(Input, Hidden, Layers, RnnActivation.Tanh, Bias, BatchFirst, 0, Bidirectional),
        LayerKind.RnnRelu => new Rnn(Input, Hidden, Layers, RnnActivation.Relu, Bias, BatchFirst, 0, Bidirectional),
        LayerKind.Lstm => new Lstm(Input, Hidden, Layers, Bias, BatchFirst, 0, Bidirectional),
        _ => (nn.Module)new Gru(Input, Hidden, Layers, Bias, BatchFirst, 0, Bidirectional),
    }).to(dtype);

    /// <summary>TorchSharp's module on x with state (h0[, c0]) → [output, h_n(, c_n)].</summary>
    public Tensor[] RunTheirs(nn.Module m, Tensor x, Tensor[]? state)
    {
        state ??= Enumerable.Range(0, States)
            .Select(_ => zeros(Layers * Directions, x.shape[BatchFirst ? 0 : 1], Hidden, dtype: x.dtype)).ToArray();
        switch (m)
        {
            case TorchSharp.Modules.LSTM lstm: { var (y, h, c) = lstm.forward(x, (state[0], state[1])); return [y, h, c]; }
            case TorchSharp.Modules.GRU gru: { var (y, h) = gru.forward(x, state[0]); return [y, h]; }
            default: { var (y, h) = ((TorchSharp.Modules.RNN)m).forward(x, state[0]); return [y, h]; }
        }
    }

    /// <summary>Our module on x with state, lengths, mask and trace → [output, h_n(, c_n)].</summary>
    public Tensor[] RunOurs(nn.Module m, Tensor x, Tensor[]? state, Tensor? lengths = null, Tensor? mask = null,
        RecurrentTrace? trace = null)
    {
        switch (m)
        {
            case Lstm lstm:
                { var (y, h, c) = lstm.forward(x, state is null ? null : (state[0], state[1]), lengths, mask, trace); return [y, h, c]; }
            case Gru gru: { var (y, h) = gru.forward(x, state?[0], lengths, mask, trace); return [y, h]; }
            default: { var (y, h) = ((Rnn)m).forward(x, state?[0], lengths, mask, trace); return [y, h]; }
        }
    }

    /// <summary>
    /// TorchSharp's module run on each sequence alone, unpadded; outputs padded back with zeros and stacked along the
    /// batch, final states concatenated: what our masked run must equal.
    /// </summary>
    public Tensor[] RunTheirsOneByOne(nn.Module m, Tensor x, Tensor[]? state, long[] lengths)
    {
        var (batchDim, timeDim) = BatchFirst ? (0, 1) : (1, 0);
        var T = x.shape[timeDim];
        var parts = lengths.Select((len, b) =>
        {
            var xb = x.narrow(batchDim, b, 1).narrow(timeDim, 0, len);
            var r = RunTheirs(m, xb, state?.Select(s => s.narrow(1, b, 1)).ToArray());
            var padShape = r[0].shape.ToArray();
            padShape[timeDim] = T - len;
            r[0] = cat([r[0], zeros(padShape, dtype: x.dtype)], timeDim);
            return r;
        }).ToArray();
        return Enumerable.Range(0, parts[0].Length)
            .Select(k => cat(parts.Select(p => p[k]).ToArray(), k == 0 ? batchDim : 1)).ToArray();
    }
}
