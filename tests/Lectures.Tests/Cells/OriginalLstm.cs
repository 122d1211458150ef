using static TorchSharp.torch;

namespace Lectures.Tests.Cells;

/// <summary>Maps the original LSTM's i, g, o rows to the popular LSTM's i, f, g, o rows with f held at 1.</summary>
internal static class OriginalLstm
{
    public static Dictionary<string, Tensor> WithOpenForgetGate(Dictionary<string, Tensor> original, long hidden) =>
        original.ToDictionary(e => e.Key, e =>
        {
            var igo = e.Value.detach().split(hidden, 0);
            var f = e.Key.StartsWith("bias_ih") ? full_like(igo[0], 50.0) : zeros_like(igo[0]);
            return cat([igo[0], f, igo[1], igo[2]], 0);
        });

    public static Tensor WithoutForgetRows(Tensor ifgo, long hidden)
    {
        var rows = ifgo.split(hidden, 0);
        return cat([rows[0], rows[2], rows[3]], 0);
    }
}
