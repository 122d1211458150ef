using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Lectures.Tests.Training;

/// <summary>TorchSharp's fused LSTM or GRU read at the last step, then a linear head: [B, T, n] → [B, k].</summary>
internal sealed class LastStepModel : nn.Module<Tensor, Tensor>
{
    private readonly LSTM? lstm;
    private readonly GRU? gru;
    private readonly Linear head;

    internal LastStepModel(string cell, int inputSize, int hiddenSize, int outputSize) : base(cell)
    {
        if (cell == "lstm") lstm = nn.LSTM(inputSize, hiddenSize, batchFirst: true);
        else gru = nn.GRU(inputSize, hiddenSize, batchFirst: true);
        head = nn.Linear(hiddenSize, outputSize);
        RegisterComponents();
    }

    public override Tensor forward(Tensor x)
    {
        var output = lstm is not null ? lstm.call(x).Item1 : gru!.call(x).Item1;
        return head.call(output[.., -1]);
    }
}

/// <summary>Holds modules used side by side in a step function, so the trainer sees all their parameters.</summary>
internal sealed class Parts : nn.Module
{
    internal Parts(params nn.Module[] parts) : base("parts")
    {
        for (var i = 0; i < parts.Length; i++) register_module($"part{i}", parts[i]);
    }
}
