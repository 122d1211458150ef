using TorchSharp;
using static TorchSharp.torch;

namespace Lectures.Bptt;

/// <summary>The same gradients from TorchSharp's autograd, as the reference the manual passes are checked against.</summary>
internal static class AutogradReference
{
    /// <summary>Copies every input as a fresh leaf that requires grad, evaluates the loss on the copies and backpropagates.</summary>
    public static (double loss, Tensor[] grads) Gradients(Tensor[] inputs, Func<Tensor[], Tensor> loss)
    {
        using var grad = enable_grad();
        using var scope = NewDisposeScope();   // the graph is freed here; only the gradients leave
        var leaves = inputs.Select(t => t.detach().clone().requires_grad_(true)).ToArray();
        var L = loss(leaves);
        L.backward();
        return (L.ToDouble(), leaves.Select(l => l.grad!.detach().MoveToOuterDisposeScope()).ToArray());
    }
}
